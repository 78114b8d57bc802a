<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1">
<context>
    <name>@default</name>
    <message>
        <location filename="../../processing/base.py" line="65" />
        <source>Field {field!r} ({param}) is not in layer {layer!r}; its fields are: {available}</source>
        <translation>图层 {layer!r} 中没有字段 {field!r}（参数 {param}）；该图层的字段有：{available}</translation>
    </message>
    <message>
        <location filename="../../domain/unitcode.py" line="53" />
        <source>Level lengths must be four increasing whole numbers for county, township, village and group (such as 6,9,12,15), got {text!r}</source>
        <translation>层级代码长度须为县、乡镇、村、组四个递增的整数（如 6,9,12,15），实际为 {text!r}</translation>
    </message>
    <message>
        <location filename="../../domain/unitcode.py" line="79" />
        <source>The unit code is empty</source>
        <translation>单位代码为空</translation>
    </message>
    <message>
        <location filename="../../domain/unitcode.py" line="82" />
        <source>Unit code {code!r} has a non-digit character {char!r} at position {pos}</source>
        <translation>单位代码 {code!r} 第 {pos} 位是非数字字符 {char!r}</translation>
    </message>
    <message>
        <location filename="../../domain/unitcode.py" line="89" />
        <source>Unit code {code!r} starts with {prefix!r}, which is no province code</source>
        <translation>单位代码 {code!r} 以 {prefix!r} 开头，不是有效的省级代码</translation>
    </message>
    <message>
        <location filename="../../domain/unitcode.py" line="106" />
        <source>Unit code {code!r} has {length} characters; expected {full} (or at least {village}, down to the village)</source>
        <translation>单位代码 {code!r} 有 {length} 位；应为 {full} 位（至少 {village} 位，即到行政村）</translation>
    </message>
    <message>
        <location filename="../../domain/unitcode.py" line="115" />
        <source>city</source>
        <translation>市级</translation>
    </message>
    <message>
        <location filename="../../domain/unitcode.py" line="115" />
        <source>county</source>
        <translation>县级</translation>
    </message>
    <message>
        <location filename="../../domain/unitcode.py" line="115" />
        <source>township</source>
        <translation>乡镇级</translation>
    </message>
    <message>
        <location filename="../../domain/unitcode.py" line="115" />
        <source>village</source>
        <translation>村级</translation>
    </message>
    <message>
        <location filename="../../domain/unitcode.py" line="123" />
        <source>Unit code {code!r} has a {part} part of zeros (characters {start}–{end})</source>
        <translation>单位代码 {code!r} 的{part}代码（第 {start}–{end} 位）全为 0</translation>
    </message>
    <message>
        <location filename="../../domain/unitcode.py" line="149" />
        <source>Unit code {code!r} names a unit below the villager group</source>
        <translation>单位代码 {code!r} 指向村民小组以下的单位</translation>
    </message>
    <message>
        <location filename="../../domain/unitcode.py" line="160" />
        <source>Unit code {code!r} has {length} characters; a grid code has {lengths} or {full}</source>
        <translation>单位代码 {code!r} 有 {length} 位；网格编码应为 {lengths} 位或 {full} 位</translation>
    </message>
    <message>
        <location filename="../../domain/grid.py" line="138" />
        <source>Parcel {id} has no geometry; it is left out of the grid</source>
        <translation>图斑 {id} 没有几何图形，未纳入网格</translation>
    </message>
    <message>
        <location filename="../../domain/grid.py" line="153" />
        <source>Parcel {id} has an invalid geometry ({reason}); it was repaired and used</source>
        <translation>图斑 {id} 几何无效（{reason}），已自动修复后使用</translation>
    </message>
    <message>
        <location filename="../../domain/grid.py" line="176" />
        <source>Parcel {id} has no usable area value; its geometry area is used</source>
        <translation>图斑 {id} 的面积值为空或非数字，改用几何面积</translation>
    </message>
    <message>
        <location filename="../../domain/grid.py" line="204" />
        <source>Parcel {id}: {error}</source>
        <translation>图斑 {id}：{error}</translation>
    </message>
    <message>
        <location filename="../../domain/grid.py" line="233" />
        <source>Boundary {id}: {error}; the boundary is not used</source>
        <translation>边界 {id}：{error}；该边界未使用</translation>
    </message>
    <message>
        <location filename="../../domain/grid.py" line="326" />
        <source>Farmland of parcel {id} ({code}) lies outside every boundary</source>
        <translation>图斑 {id}（{code}）的耕地位于所有边界之外（网格缺口）</translation>
    </message>
    <message>
        <location filename="../../domain/grid.py" line="407" />
        <source>Parcels overlap inside cell {code}</source>
        <translation>网格 {code} 内图斑相互重叠</translation>
    </message>
    <message>
        <location filename="../../domain/grid.py" line="537" />
        <source>Cells {code} and {other} overlap</source>
        <translation>网格 {code} 与 {other} 相互重叠</translation>
    </message>
    <message>
        <location filename="../../domain/grid.py" line="566" />
        <source>Cell {code} reaches outside its parent {parent}</source>
        <translation>网格 {code} 越出上级网格 {parent}</translation>
    </message>
    <message>
        <location filename="../../domain/grid.py" line="591" />
        <source>Roster row {id}: {error}</source>
        <translation>名册第 {id} 行：{error}</translation>
    </message>
    <message>
        <location filename="../../domain/grid.py" line="603" />
        <source>Roster row {id} names unit {code}, which has no grid cell</source>
        <translation>名册第 {id} 行的单位 {code} 没有对应网格</translation>
    </message>
    <message>
        <location filename="../../domain/grid.py" line="623" />
        <source>Cell {code} ({name}) has no responsible person</source>
        <translation>网格 {code}（{name}）没有责任人</translation>
    </message>
    <message>
        <location filename="../../domain/area.py" line="42" />
        <source>The layer has no coordinate reference system, so no ellipsoidal area</source>
        <translation>图层没有坐标参考系，无法计算椭球面积</translation>
    </message>
    <message>
        <location filename="../../domain/area.py" line="46" />
        <source>The CRS {name!r} has no ellipsoid, so no ellipsoidal area</source>
        <translation>坐标参考系 {name!r} 没有椭球，无法计算椭球面积</translation>
    </message>
    <message>
        <location filename="../../domain/grid.py" line="283" />
        <source>Parcel {id} is coded {code} but lies in boundary {boundary}, where it is counted</source>
        <translation>图斑 {id} 的代码为 {code}，但位于边界 {boundary} 内，已按所在边界统计</translation>
    </message>
</context>
<context>
    <name>DelineateGridAlgorithm</name>
    <message>
        <location filename="../../processing/delineate_grid.py" line="101" />
        <source>Delineate supervision grid</source>
        <translation>划分监管网格</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="104" />
        <source>Supervision grid</source>
        <translation>监管网格</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="110" />
        <source>Builds the grid cells of the county, township, village and villager-group levels from land-survey parcels (DLTB), and checks the grid.

Inputs: the parcel layer; its location-unit code field (ZLDWDM, 19 characters); its land-class field (DLBM) and the classes counted as farmland (0101,0102,0103; K/A suffixes are ignored); the area field (TBDLMJ, m², the official net area; leave it empty to measure the geometry ellipsoidally on the layer CRS's ellipsoid, or planar). Cells are dissolved from parcels on code prefixes of 6, 9, 12 and 15 characters; a group part of 000 makes the village the bottom cell. Optional official boundaries (e.g. CJDCQ, code field ZLDWDM) replace the dissolved cells and assign parcels by location. An optional roster (CSV or table: unit_code, person, role, phone) gives responsible persons.

Outputs: grid cells with grid_code, level (3–6), parent_code, unit_name, farmland_mu (亩; 1 亩 = 666.67 m²), parcel counts, area_method and persons; and an issues layer listing gaps, overlaps, cells outside their parent, code mismatches, cells without a responsible person, invalid codes and invalid geometries, each with its area in 亩. Clean input gives an empty issues layer.</source>
        <translation>由地类图斑（DLTB）构建县、乡镇、行政村、村民小组四级网格单元，并检查网格质量。

输入：地类图斑图层；坐落单位代码字段（ZLDWDM，19 位）；地类编码字段（DLBM）及计为耕地的地类（0101,0102,0103；忽略 K/A 后缀）；面积字段（TBDLMJ，平方米，官方图斑地类面积；留空则按图层坐标系椭球计算椭球面积，或按平面计算）。网格按 6、9、12、15 位代码前缀由图斑融合生成；组代码为 000 时行政村即为最底层网格。可选的正式边界（如村级调查区 CJDCQ，代码字段 ZLDWDM）替代融合生成的网格，并按位置归属图斑。可选的责任人名册（CSV 或表：unit_code、person、role、phone）提供各网格责任人。

输出：网格单元，含 grid_code、level（3–6）、parent_code、unit_name、farmland_mu（亩；1 亩 = 666.67 平方米）、图斑数、area_method 和责任人；以及质检问题图层，列出网格缺口、重叠、越出上级网格、代码与边界不符、无责任人、代码无效和几何无效等问题，并给出各问题的面积（亩）。数据无误时问题图层为空。</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="127" />
        <source>Parcels (DLTB)</source>
        <translation>地类图斑（DLTB）</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="130" />
        <source>Location unit code field</source>
        <translation>坐落单位代码字段</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="133" />
        <source>Land class field</source>
        <translation>地类编码字段</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="134" />
        <source>Farmland land classes (comma separated)</source>
        <translation>耕地地类编码（逗号分隔）</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="139" />
        <source>Area field in m² (empty: measure geometry)</source>
        <translation>面积字段，平方米（留空则按几何计算）</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="149" />
        <source>Geometry area method</source>
        <translation>几何面积计算方法</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="149" />
        <source>Ellipsoidal (layer CRS ellipsoid)</source>
        <translation>椭球面积（图层坐标系椭球）</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="149" />
        <source>Planar (layer CRS units)</source>
        <translation>平面面积（图层坐标系单位）</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="157" />
        <source>Unit name field</source>
        <translation>单位名称字段</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="158" />
        <source>Parcel identifier field</source>
        <translation>图斑标识字段</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="159" />
        <source>Code prefix lengths of county, township, village, group</source>
        <translation>县、乡镇、村、组的代码前缀长度</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="164" />
        <source>Roster of responsible persons</source>
        <translation>责任人名册</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="169" />
        <source>Roster unit code field</source>
        <translation>名册单位代码字段</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="169" />
        <source>Roster person field</source>
        <translation>名册责任人字段</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="169" />
        <source>Roster role field</source>
        <translation>名册职务字段</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="169" />
        <source>Roster phone field</source>
        <translation>名册电话字段</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="169" />
        <source>Roster unit name field</source>
        <translation>名册单位名称字段</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="177" />
        <source>Official boundaries (optional)</source>
        <translation>正式边界（可选）</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="182" />
        <source>Boundary code field</source>
        <translation>边界代码字段</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="185" />
        <source>Boundary name field</source>
        <translation>边界名称字段</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="188" />
        <source>Smallest gap or overlap reported (m²)</source>
        <translation>报告缺口或重叠的最小面积（平方米）</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="197" />
        <source>Grid cells</source>
        <translation>网格单元</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="198" />
        <source>Grid issues</source>
        <translation>网格质检问题</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="199" />
        <source>Number of cells</source>
        <translation>网格数</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="200" />
        <source>Number of issues</source>
        <translation>问题数</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="201" />
        <source>Farmland in the county cells (亩)</source>
        <translation>县级网格耕地面积（亩）</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="206" />
        <source>The parcel layer could not be opened</source>
        <translation>无法打开地类图斑图层</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="213" />
        <source>Name at least one farmland land class, such as 0101,0102,0103</source>
        <translation>请至少指定一个耕地地类编码，如 0101,0102,0103</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="228" />
        <source>Planar areas of a geographic CRS are in square degrees; choose the ellipsoidal method</source>
        <translation>地理坐标系下的平面面积单位是平方度，请选择椭球面积</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="230" />
        <source>Reading parcels…</source>
        <translation>正在读取图斑……</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="260" />
        <source>Delineating cells…</source>
        <translation>正在划分网格……</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="343" />
        <source>Boundaries are in {0}; they are reprojected to the parcels' {1}</source>
        <translation>边界坐标系为 {0}，已动态投影到图斑的 {1}</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="359" />
        <source>No roster given: responsible persons are not checked</source>
        <translation>未提供责任人名册：不检查责任人</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="391" />
        <source>Level {0} ({1}): {2} cells, {3:.2f} 亩 farmland</source>
        <translation>第 {0} 级（{1}）：{2} 个网格，耕地 {3:.2f} 亩</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="397" />
        <source>Issue {0}: {1}</source>
        <translation>问题 {0}：{1} 处</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="399" />
        <source>No issues found</source>
        <translation>未发现问题</translation>
    </message>
</context>
<context>
    <name>FarmlandGridPlugin</name>
    <message>
        <location filename="../../plugin.py" line="40" />
        <source>Farmland Grid Supervision</source>
        <translation>耕地保护网格化监管</translation>
    </message>
    <message>
        <location filename="../../plugin.py" line="40" />
        <source>Missing Python packages, please install: {0}</source>
        <translation>缺少 Python 包，请安装：{0}</translation>
    </message>
    <message>
        <location filename="../../plugin.py" line="47" />
        <source>Farmland Grid</source>
        <translation>耕地保护网格</translation>
    </message>
    <message>
        <location filename="../../plugin.py" line="49" />
        <source>Delineate supervision grid…</source>
        <translation>划分监管网格……</translation>
    </message>
    <message>
        <location filename="../../plugin.py" line="68" />
        <source>&amp;Farmland Grid</source>
        <translation>耕地保护网格(&amp;F)</translation>
    </message>
</context>
<context>
    <name>FarmlandGridProvider</name>
    <message>
        <location filename="../../processing/provider.py" line="15" />
        <source>Farmland grid supervision</source>
        <translation>耕地保护网格化监管</translation>
    </message>
</context>
</TS>