<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1">
<context>
    <name>@default</name>
    <message>
        <location filename="../../services/sources.py" line="35"/>
        <source>Field {field!r} ({param}) is not in layer {layer!r}; its fields are: {available}</source>
        <translation>图层 {layer!r} 中没有字段 {field!r}（参数 {param}）；该图层的字段有：{available}</translation>
    </message>
    <message>
        <location filename="../../domain/unitcode.py" line="55"/>
        <source>Level lengths must be four increasing whole numbers for county, township, village and group (such as 6,9,12,15), got {text!r}</source>
        <translation>层级代码长度须为县、乡镇、村、组四个递增的整数（如 6,9,12,15），实际为 {text!r}</translation>
    </message>
    <message>
        <location filename="../../domain/unitcode.py" line="81"/>
        <source>The unit code is empty</source>
        <translation>单位代码为空</translation>
    </message>
    <message>
        <location filename="../../domain/unitcode.py" line="84"/>
        <source>Unit code {code!r} has a non-digit character {char!r} at position {pos}</source>
        <translation>单位代码 {code!r} 第 {pos} 位是非数字字符 {char!r}</translation>
    </message>
    <message>
        <location filename="../../domain/unitcode.py" line="91"/>
        <source>Unit code {code!r} starts with {prefix!r}, which is no province code</source>
        <translation>单位代码 {code!r} 以 {prefix!r} 开头，不是有效的省级代码</translation>
    </message>
    <message>
        <location filename="../../domain/unitcode.py" line="108"/>
        <source>Unit code {code!r} has {length} characters; expected {full} (or at least {village}, down to the village)</source>
        <translation>单位代码 {code!r} 有 {length} 位；应为 {full} 位（至少 {village} 位，即到行政村）</translation>
    </message>
    <message>
        <location filename="../../domain/unitcode.py" line="117"/>
        <source>city</source>
        <translation>市级</translation>
    </message>
    <message>
        <location filename="../../domain/unitcode.py" line="117"/>
        <source>county</source>
        <translation>县级</translation>
    </message>
    <message>
        <location filename="../../domain/unitcode.py" line="117"/>
        <source>township</source>
        <translation>乡镇级</translation>
    </message>
    <message>
        <location filename="../../domain/unitcode.py" line="117"/>
        <source>village</source>
        <translation>村级</translation>
    </message>
    <message>
        <location filename="../../domain/unitcode.py" line="125"/>
        <source>Unit code {code!r} has a {part} part of zeros (characters {start}–{end})</source>
        <translation>单位代码 {code!r} 的{part}代码（第 {start}–{end} 位）全为 0</translation>
    </message>
    <message>
        <location filename="../../domain/unitcode.py" line="179"/>
        <source>Unit code {code!r} names a unit below the villager group</source>
        <translation>单位代码 {code!r} 指向村民小组以下的单位</translation>
    </message>
    <message>
        <location filename="../../domain/unitcode.py" line="190"/>
        <source>Unit code {code!r} has {length} characters; a grid code has {lengths} or {full}</source>
        <translation>单位代码 {code!r} 有 {length} 位；网格编码应为 {lengths} 位或 {full} 位</translation>
    </message>
    <message>
        <location filename="../../domain/grid.py" line="128"/>
        <source>Parcel {id} has no geometry; it is left out of the grid</source>
        <translation>图斑 {id} 没有几何图形，未纳入网格</translation>
    </message>
    <message>
        <location filename="../../domain/grid.py" line="134"/>
        <source>Parcel {id} has an invalid geometry ({reason}); it was repaired and used</source>
        <translation>图斑 {id} 几何无效（{reason}），已自动修复后使用</translation>
    </message>
    <message>
        <location filename="../../domain/grid.py" line="172"/>
        <source>Parcel {id} has no usable area value; its geometry area is used</source>
        <translation>图斑 {id} 的面积值为空或非数字，改用几何面积</translation>
    </message>
    <message>
        <location filename="../../domain/grid.py" line="179"/>
        <source>Parcel {id}: {error}</source>
        <translation>图斑 {id}：{error}</translation>
    </message>
    <message>
        <location filename="../../domain/grid.py" line="198"/>
        <source>Boundary {id}: {error}; the boundary is not used</source>
        <translation>边界 {id}：{error}；该边界未使用</translation>
    </message>
    <message>
        <location filename="../../domain/grid.py" line="273"/>
        <source>Farmland of parcel {id} ({code}) lies outside every boundary</source>
        <translation>图斑 {id}（{code}）的耕地位于所有边界之外（网格缺口）</translation>
    </message>
    <message>
        <location filename="../../domain/grid.py" line="347"/>
        <source>Parcels overlap inside cell {code}</source>
        <translation>网格 {code} 内图斑相互重叠</translation>
    </message>
    <message>
        <location filename="../../domain/grid.py" line="492"/>
        <source>Cells {code} and {other} overlap</source>
        <translation>网格 {code} 与 {other} 相互重叠</translation>
    </message>
    <message>
        <location filename="../../domain/grid.py" line="523"/>
        <source>Cell {code} reaches outside its parent {parent}</source>
        <translation>网格 {code} 越出上级网格 {parent}</translation>
    </message>
    <message>
        <location filename="../../domain/roster.py" line="73"/>
        <source>Roster row {id}: {error}</source>
        <translation>名册第 {id} 行：{error}</translation>
    </message>
    <message>
        <location filename="../../domain/roster.py" line="85"/>
        <source>Roster row {id} names unit {code}, which has no grid cell</source>
        <translation>名册第 {id} 行的单位 {code} 没有对应网格</translation>
    </message>
    <message>
        <location filename="../../domain/roster.py" line="105"/>
        <source>Cell {code} ({name}) has no responsible person</source>
        <translation>网格 {code}（{name}）没有责任人</translation>
    </message>
    <message>
        <location filename="../../domain/area.py" line="42"/>
        <source>The layer has no coordinate reference system, so no ellipsoidal area</source>
        <translation>图层没有坐标参考系，无法计算椭球面积</translation>
    </message>
    <message>
        <location filename="../../domain/area.py" line="46"/>
        <source>The CRS {name!r} has no ellipsoid, so no ellipsoidal area</source>
        <translation>坐标参考系 {name!r} 没有椭球，无法计算椭球面积</translation>
    </message>
    <message>
        <location filename="../../domain/grid.py" line="245"/>
        <source>Parcel {id} is coded {code} but lies in boundary {boundary}, where it is counted</source>
        <translation>图斑 {id} 的代码为 {code}，但位于边界 {boundary} 内，已按所在边界统计</translation>
    </message>
    <message>
        <location filename="../../store/schema.py" line="194"/>
        <source>Cannot create the workspace {path}</source>
        <translation>无法创建工作空间 {path}</translation>
    </message>
    <message>
        <location filename="../../store/schema.py" line="205"/>
        <source>The workspace {path} is not a usable GeoPackage: {error}</source>
        <translation>工作空间 {path} 不是可用的 GeoPackage：{error}</translation>
    </message>
    <message>
        <location filename="../../domain/coding.py" line="94"/>
        <source>The overlap threshold must be above 0.5 and at most 1, got {value}</source>
        <translation>重叠阈值须大于 0.5 且不超过 1，实际为 {value}</translation>
    </message>
    <message>
        <location filename="../../domain/coding.py" line="156"/>
        <source>Space code {code} appears more than once</source>
        <translation>地块空间码 {code} 重复出现</translation>
    </message>
    <message>
        <location filename="../../domain/coding.py" line="214"/>
        <source>Group {group} would need serials beyond {limit}; no more space codes can be issued there</source>
        <translation>村民小组 {group} 的顺序码将超过 {limit}，无法再赋码</translation>
    </message>
    <message>
        <location filename="../../domain/spacecode.py" line="67"/>
        <source>The space code is empty</source>
        <translation>地块空间码为空</translation>
    </message>
    <message>
        <location filename="../../domain/spacecode.py" line="69"/>
        <source>Space code {code!r} has {length} characters; a space code has {expected}</source>
        <translation>地块空间码 {code!r} 有 {length} 位；地块空间码应为 {expected} 位</translation>
    </message>
    <message>
        <location filename="../../domain/spacecode.py" line="77"/>
        <source>Space code {code!r}: character {position} is {char!r}; only digits may stand there</source>
        <translation>地块空间码 {code!r}：第 {position} 位是 {char!r}，此处只能是数字</translation>
    </message>
    <message>
        <location filename="../../domain/spacecode.py" line="84"/>
        <source>Space code {code!r}: the check character {char!r} must be a digit or X</source>
        <translation>地块空间码 {code!r}：校验码 {char!r} 必须是数字或 X</translation>
    </message>
    <message>
        <location filename="../../domain/spacecode.py" line="90"/>
        <source>Space code {code!r} starts with {prefix!r}, which is no province code</source>
        <translation>地块空间码 {code!r} 以 {prefix!r} 开头，不是有效的省级代码</translation>
    </message>
    <message>
        <location filename="../../domain/spacecode.py" line="95"/>
        <source>Space code {code!r}: the check character is {char!r} but the digits give {expected!r}; a digit is mistyped or two neighbouring digits are swapped</source>
        <translation>地块空间码 {code!r}：校验码为 {char!r}，但按前面的数字应为 {expected!r}；有数字输错或相邻两位颠倒</translation>
    </message>
    <message>
        <location filename="../../domain/spacecode.py" line="105"/>
        <source>Space code {code!r} belongs to village {village}, which is not in this data</source>
        <translation>地块空间码 {code!r} 属于行政村 {village}，不在本数据中</translation>
    </message>
    <message>
        <location filename="../../domain/quota.py" line="205"/>
        <source>Illegally occupied farmland is {share:.1%} of the {taken:.2f} 亩 of farmland taken for construction (limit {limit:.0%})</source>
        <translation>违法占用耕地占新增建设占用耕地 {taken:.2f} 亩的 {share:.1%}（限值 {limit:.0%}）</translation>
    </message>
    <message>
        <location filename="../../domain/quota.py" line="220"/>
        <source>Illegally occupied farmland totals {value:.2f} 亩 (limit {limit:.2f} 亩)</source>
        <translation>违法占用耕地共 {value:.2f} 亩（限值 {limit:.2f} 亩）</translation>
    </message>
    <message>
        <location filename="../../domain/decompose.py" line="31"/>
        <source>farmland</source>
        <translation>耕地</translation>
    </message>
    <message>
        <location filename="../../domain/decompose.py" line="31"/>
        <source>permanent basic farmland</source>
        <translation>永久基本农田</translation>
    </message>
    <message>
        <location filename="../../domain/decompose.py" line="48"/>
        <source>A target to share cannot be negative, got {amount} 亩</source>
        <translation>待分解的目标不能为负数，实际为 {amount} 亩</translation>
    </message>
    <message>
        <location filename="../../domain/decompose.py" line="51"/>
        <source>There is no unit to share {amount} 亩 among</source>
        <translation>没有可分解 {amount} 亩目标的下级单位</translation>
    </message>
    <message>
        <location filename="../../domain/decompose.py" line="59"/>
        <source>Weight {weight!r} (number {position}) is not a number of zero or more</source>
        <translation>第 {position} 个权重 {weight!r} 不是大于等于零的数</translation>
    </message>
    <message>
        <location filename="../../domain/decompose.py" line="85"/>
        <source>A target must be a number of 亩 of zero or more, got {value!r}</source>
        <translation>目标必须是大于等于零的亩数，实际为 {value!r}</translation>
    </message>
    <message>
        <location filename="../../domain/decompose.py" line="172"/>
        <source>Unit {code} has a target but no parcels; its target is not used</source>
        <translation>单位 {code} 有目标但没有图斑，其目标未使用</translation>
    </message>
    <message>
        <location filename="../../domain/decompose.py" line="174"/>
        <source>Unit {code} is below the lowest level decomposed to; its target is not used</source>
        <translation>单位 {code} 低于分解的最低层级，其目标未使用</translation>
    </message>
    <message>
        <location filename="../../domain/decompose.py" line="201"/>
        <source>Unit {code} has {outside} 亩 of farmland in none of its child units; its targets are shared among the child units all the same</source>
        <translation>单位 {code} 有 {outside} 亩耕地不属于任何下级单位；其目标仍在下级单位间分解</translation>
    </message>
    <message>
        <location filename="../../domain/decompose.py" line="222"/>
        <source>The {kind} targets of the units under {code} add up to {children} 亩, not to its {parent} 亩: the given targets of {given} replace their shares</source>
        <translation>{code} 下级单位的{kind}目标合计 {children} 亩，不等于其 {parent} 亩：{given} 的已给目标替代了按比例分解的份额</translation>
    </message>
    <message>
        <location filename="../../domain/patrol.py" line="74"/>
        <source>Unknown time zone {zone!r} (expected a name like Asia/Shanghai)</source>
        <translation>未知时区 {zone!r}（应为 Asia/Shanghai 这样的名称）</translation>
    </message>
    <message>
        <location filename="../../domain/cases.py" line="48"/>
        <source>Issued</source>
        <translation>已下发</translation>
    </message>
    <message>
        <location filename="../../domain/cases.py" line="49"/>
        <source>Collecting evidence</source>
        <translation>举证中</translation>
    </message>
    <message>
        <location filename="../../domain/cases.py" line="50"/>
        <source>Reported</source>
        <translation>已上报</translation>
    </message>
    <message>
        <location filename="../../domain/cases.py" line="51"/>
        <source>Sent back</source>
        <translation>已退回</translation>
    </message>
    <message>
        <location filename="../../domain/cases.py" line="52"/>
        <source>Approved</source>
        <translation>审核通过</translation>
    </message>
    <message>
        <location filename="../../domain/cases.py" line="53"/>
        <source>Rectification under way</source>
        <translation>整改中</translation>
    </message>
    <message>
        <location filename="../../domain/cases.py" line="54"/>
        <source>Closed</source>
        <translation>已结案</translation>
    </message>
    <message>
        <location filename="../../domain/cases.py" line="69"/>
        <source>Issue</source>
        <translation>下发</translation>
    </message>
    <message>
        <location filename="../../domain/cases.py" line="70"/>
        <source>Start collecting evidence</source>
        <translation>开始举证</translation>
    </message>
    <message>
        <location filename="../../domain/cases.py" line="71"/>
        <source>Report</source>
        <translation>上报</translation>
    </message>
    <message>
        <location filename="../../domain/cases.py" line="72"/>
        <source>Send back</source>
        <translation>退回</translation>
    </message>
    <message>
        <location filename="../../domain/cases.py" line="73"/>
        <source>Approve</source>
        <translation>审核通过</translation>
    </message>
    <message>
        <location filename="../../domain/cases.py" line="74"/>
        <source>Start rectification</source>
        <translation>开始整改</translation>
    </message>
    <message>
        <location filename="../../domain/cases.py" line="75"/>
        <source>Close</source>
        <translation>结案</translation>
    </message>
    <message>
        <location filename="../../domain/cases.py" line="76"/>
        <source>Reopen</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <location filename="../../domain/cases.py" line="86"/>
        <source>Legal</source>
        <translation>合法</translation>
    </message>
    <message>
        <location filename="../../domain/cases.py" line="87"/>
        <source>Illegal</source>
        <translation>违法</translation>
    </message>
    <message>
        <location filename="../../domain/cases.py" line="88"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../domain/cases.py" line="103"/>
        <source>Case {case_id}: sending it back needs a note saying why</source>
        <translation>案件 {case_id}：退回须填写退回理由</translation>
    </message>
    <message>
        <location filename="../../domain/cases.py" line="104"/>
        <source>Case {case_id}: starting rectification needs the rectification plan as the note</source>
        <translation>案件 {case_id}：开始整改须填写整改方案</translation>
    </message>
    <message>
        <location filename="../../domain/cases.py" line="105"/>
        <source>Case {case_id}: closing it after rectification needs the rectification result as the note</source>
        <translation>案件 {case_id}：整改后结案须填写整改结果</translation>
    </message>
    <message>
        <location filename="../../domain/cases.py" line="106"/>
        <source>Case {case_id}: reopening it needs a note saying why</source>
        <translation>案件 {case_id}：重新打开须填写理由</translation>
    </message>
    <message>
        <location filename="../../domain/cases.py" line="120"/>
        <source>Case {case_id} ({status}): {action} is not possible now. Allowed now: {allowed}</source>
        <translation>案件 {case_id}（{status}）：当前不能{action}。当前可执行：{allowed}</translation>
    </message>
    <message>
        <location filename="../../domain/cases.py" line="126"/>
        <source>Case {case_id} ({status}): {action} is not possible now, and no action is allowed in this status</source>
        <translation>案件 {case_id}（{status}）：当前不能{action}，此状态下没有可执行的操作</translation>
    </message>
    <message>
        <location filename="../../domain/cases.py" line="270"/>
        <source>Case {case_id}: the actor is missing; every step records who took it</source>
        <translation>案件 {case_id}：缺少办理人，每一步都须记录由谁办理</translation>
    </message>
    <message>
        <location filename="../../domain/cases.py" line="260"/>
        <source>Unknown case action {action!r}; the actions are: {actions}</source>
        <translation>未知的案件操作 {action!r}；可用操作：{actions}</translation>
    </message>
    <message>
        <location filename="../../domain/cases.py" line="279"/>
        <source>Case {case_id}: a verdict is given only when the case is reported</source>
        <translation>案件 {case_id}：只有上报时才能给出认定结果</translation>
    </message>
    <message>
        <location filename="../../domain/cases.py" line="284"/>
        <source>Case {case_id}: rectification notes are recorded only when rectification starts or ends</source>
        <translation>案件 {case_id}：只有开始整改或整改后结案时才能记录整改情况</translation>
    </message>
    <message>
        <location filename="../../domain/cases.py" line="296"/>
        <source>Case {case_id}: reporting needs a verdict: {verdicts}</source>
        <translation>案件 {case_id}：上报须给出认定结果：{verdicts}</translation>
    </message>
    <message>
        <location filename="../../domain/cases.py" line="304"/>
        <source>Case {case_id}: unknown verdict {verdict!r}; the verdicts are: {verdicts}</source>
        <translation>案件 {case_id}：未知的认定结果 {verdict!r}；可选：{verdicts}</translation>
    </message>
    <message>
        <location filename="../../domain/cases.py" line="312"/>
        <source>Case {case_id}: the verdict {verdict} needs a reason</source>
        <translation>案件 {case_id}：认定为“{verdict}”须说明理由</translation>
    </message>
    <message>
        <location filename="../../domain/exif.py" line="40"/>
        <source>{file} is not a JPEG or HEIC/HEIF photo (its content is of another type)</source>
        <translation>{file} 不是 JPEG 或 HEIC/HEIF 照片（其内容为其他类型）</translation>
    </message>
    <message>
        <location filename="../../domain/exif.py" line="41"/>
        <source>{file} is damaged or incomplete (cut off while copying?): its image structure cannot be read</source>
        <translation>{file} 已损坏或不完整（复制时被截断？），无法读取其图像结构</translation>
    </message>
    <message>
        <location filename="../../domain/exif.py" line="42"/>
        <source>{file} has no EXIF metadata: the camera recorded none, or an editing program removed it</source>
        <translation>{file} 没有 EXIF 元数据：相机未记录，或被编辑软件删除</translation>
    </message>
    <message>
        <location filename="../../domain/exif.py" line="43"/>
        <source>The EXIF metadata of {file} is damaged and cannot be read</source>
        <translation>{file} 的 EXIF 元数据已损坏，无法读取</translation>
    </message>
    <message>
        <location filename="../../domain/exif.py" line="44"/>
        <source>{file} has no GPS position: location was off or had no fix when the photo was taken</source>
        <translation>{file} 没有 GPS 位置：拍摄时定位未开启或未定位成功</translation>
    </message>
    <message>
        <location filename="../../domain/exif.py" line="46"/>
        <source>{file} is empty (0 bytes)</source>
        <translation>{file} 是空文件（0 字节）</translation>
    </message>
    <message>
        <location filename="../../domain/exif.py" line="47"/>
        <source>{file} cannot be read: {error}</source>
        <translation>无法读取 {file}：{error}</translation>
    </message>
    <message>
        <location filename="../../domain/exif.py" line="48"/>
        <source>{file} has the GPS position 0°, 0°, which cameras write when they have no fix</source>
        <translation>{file} 的 GPS 位置为 0°, 0°，这是相机未定位时写入的值</translation>
    </message>
    <message>
        <location filename="../../domain/exif.py" line="49"/>
        <source>{file} has an impossible GPS position: latitude {lat}, longitude {lon}</source>
        <translation>{file} 的 GPS 位置不可能存在：纬度 {lat}，经度 {lon}</translation>
    </message>
    <message>
        <location filename="../../store/schema.py" line="133"/>
        <source>The workspace {path} has a table {table} that is not one of this plugin&apos;s case tables</source>
        <translation>工作空间 {path} 中的表 {table} 不是本插件的案件表</translation>
    </message>
    <message>
        <location filename="../../store/schema.py" line="229"/>
        <source>The workspace {path} has an unreadable case schema version {found!r}</source>
        <translation>工作空间 {path} 的案件表结构版本 {found!r} 无法识别</translation>
    </message>
    <message>
        <location filename="../../store/schema.py" line="233"/>
        <source>The workspace {path} has case tables of schema version {found}, newer than this plugin knows ({known}); update the plugin to use it</source>
        <translation>工作空间 {path} 的案件表结构版本为 {found}，高于本插件支持的版本（{known}），请升级插件后使用</translation>
    </message>
    <message>
        <location filename="../../store/schema.py" line="257"/>
        <source>Cannot migrate the workspace {path} from case schema version {found} to {known}: {error}</source>
        <translation>无法将工作空间 {path} 的案件表结构从版本 {found} 升级到 {known}：{error}</translation>
    </message>
    <message>
        <location filename="../../store/schema.py" line="96"/>
        <source>Cannot write to the workspace {path}: {error}. Another user may be writing to it, or its case layers are being edited in QGIS: save those edits and try again</source>
        <translation>无法写入工作空间 {path}：{error}。可能有其他用户正在写入，或其案件图层正在 QGIS 中编辑：请保存编辑后重试</translation>
    </message>
    <message>
        <location filename="../../store/geopackage.py" line="235"/>
        <source>Patch number {index} has neither a case id nor a patch id, so it cannot be issued</source>
        <translation>第 {index} 个图斑既无案件编号也无图斑编号，无法下发</translation>
    </message>
    <message>
        <location filename="../../store/geopackage.py" line="420"/>
        <source>There is no case {case_id} in the workspace {path}</source>
        <translation>工作空间 {path} 中没有案件 {case_id}</translation>
    </message>
    <message>
        <location filename="../../store/geopackage.py" line="390"/>
        <source>Evidence number {index} for case {case_id} has no file path</source>
        <translation>案件 {case_id} 的第 {index} 条举证材料没有文件路径</translation>
    </message>
    <message>
        <location filename="../../report/fonts.py" line="39"/>
        <source>No font with Chinese characters was found, so the charts are labelled in English with township codes. Install a Chinese font and restart QGIS: fonts-wqy-microhei or fonts-noto-cjk on Debian/Ubuntu, Noto Sans CJK SC or Source Han Sans SC anywhere (Windows has Microsoft YaHei, macOS PingFang SC).</source>
        <translation>未找到含中文字符的字体，图表改用英文标注并以乡镇代码代替名称。请安装中文字体后重启 QGIS：Debian/Ubuntu 安装 fonts-wqy-microhei 或 fonts-noto-cjk，其他系统可安装 Noto Sans CJK SC 或思源黑体 Source Han Sans SC（Windows 自带微软雅黑 Microsoft YaHei，macOS 自带苹方 PingFang SC）。</translation>
    </message>
    <message>
        <location filename="../../report/charts.py" line="28"/>
        <source>Patrol rate per township and month (%)</source>
        <translation>各乡镇逐月巡田率（%）</translation>
    </message>
    <message>
        <location filename="../../report/charts.py" line="29"/>
        <source>{township} ({rate} %, No. {rank})</source>
        <translation>{township}（{rate} %，第{rank}名）</translation>
    </message>
    <message>
        <location filename="../../report/charts.py" line="30"/>
        <source>No. {rank}</source>
        <translation>第{rank}名</translation>
    </message>
    <message>
        <location filename="../../report/charts.py" line="31"/>
        <source>Patrol rate (%)</source>
        <translation>巡田率(%)</translation>
    </message>
    <message>
        <location filename="../../report/charts.py" line="32"/>
        <source>Cases per township and status (overdue as of {date})</source>
        <translation>各乡镇各状态案件数（逾期截至 {date}）</translation>
    </message>
    <message>
        <location filename="../../report/charts.py" line="33"/>
        <source>Cases</source>
        <translation>案件</translation>
    </message>
    <message>
        <location filename="../../report/charts.py" line="34"/>
        <source>Overdue</source>
        <translation>超期</translation>
    </message>
    <message>
        <location filename="../../report/charts.py" line="35"/>
        <source>Farmland against target (mu)</source>
        <translation>耕地保有量目标完成情况（亩）</translation>
    </message>
    <message>
        <location filename="../../report/charts.py" line="36"/>
        <source>Permanent basic farmland against target (mu)</source>
        <translation>永久基本农田目标完成情况（亩）</translation>
    </message>
    <message>
        <location filename="../../report/charts.py" line="37"/>
        <source>Actual</source>
        <translation>实际</translation>
    </message>
    <message>
        <location filename="../../report/charts.py" line="38"/>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <location filename="../../report/charts.py" line="39"/>
        <source>gap {gap}</source>
        <translation>缺口 {gap}</translation>
    </message>
    <message>
        <location filename="../../report/charts.py" line="40"/>
        <source>mu</source>
        <translation>亩</translation>
    </message>
    <message>
        <location filename="../../report/charts.py" line="41"/>
        <source>Farmland per township and year (mu)</source>
        <translation>各乡镇逐年耕地面积（亩）</translation>
    </message>
    <message>
        <location filename="../../domain/dashboard.py" line="33"/>
        <source>Patrol summary</source>
        <translation>巡田汇总</translation>
    </message>
    <message>
        <location filename="../../domain/dashboard.py" line="34"/>
        <source>Units table</source>
        <translation>指标核算表</translation>
    </message>
    <message>
        <location filename="../../domain/dashboard.py" line="58"/>
        <source>{source} row {row}: {field} is empty</source>
        <translation>{source}第 {row} 行：{field} 为空</translation>
    </message>
    <message>
        <location filename="../../domain/dashboard.py" line="64"/>
        <source>{source} row {row}: {field} is {value!r}, not a number ≥ 0</source>
        <translation>{source}第 {row} 行：{field} 的值 {value!r} 不是大于等于 0 的数</translation>
    </message>
    <message>
        <location filename="../../domain/dashboard.py" line="77"/>
        <source>{source} row {row}: {field} is {value!r}, not a whole number</source>
        <translation>{source}第 {row} 行：{field} 的值 {value!r} 不是整数</translation>
    </message>
    <message>
        <location filename="../../domain/dashboard.py" line="93"/>
        <source>{source} row {row}: {error}</source>
        <translation>{source}第 {row} 行：{error}</translation>
    </message>
    <message>
        <location filename="../../domain/dashboard.py" line="97"/>
        <source>{source} row {row}: unit {code} is not a township; the dashboard compares townships</source>
        <translation>{source}第 {row} 行：单位 {code} 不是乡镇级；驾驶舱按乡镇统计</translation>
    </message>
    <message>
        <location filename="../../domain/dashboard.py" line="171"/>
        <source>{source} row {row}: the month {month!r} of township {code} is not a month such as 2026-01</source>
        <translation>{source}第 {row} 行：乡镇 {code} 的月份 {month!r} 不是 2026-01 这样的月份</translation>
    </message>
    <message>
        <location filename="../../domain/dashboard.py" line="183"/>
        <source>{source} row {row}: township {code} in {month}: {completed} completed and {overdue} overdue periods do not add up to the {due} periods due</source>
        <translation>{source}第 {row} 行：乡镇 {code} {month}：已完成 {completed} 个、已过期 {overdue} 个周期，合计不等于应巡的 {due} 个周期</translation>
    </message>
    <message>
        <location filename="../../domain/dashboard.py" line="196"/>
        <source>{source} row {row}: township {code} in {month}: the patrol rate {rate} % does not fit {completed} of {due} periods completed</source>
        <translation>{source}第 {row} 行：乡镇 {code} {month}：巡田率 {rate} % 与应巡 {due} 个周期中完成 {completed} 个不符</translation>
    </message>
    <message>
        <location filename="../../domain/dashboard.py" line="208"/>
        <source>{source} row {row}: township {code} in {month}: the rank is 0; ranks start at 1</source>
        <translation>{source}第 {row} 行：乡镇 {code} {month}：排名为 0；排名从 1 开始</translation>
    </message>
    <message>
        <location filename="../../domain/dashboard.py" line="212"/>
        <source>{source}: township {code} has two rows for {month} (rows {first} and {row})</source>
        <translation>{source}：乡镇 {code} 在 {month} 有两行（第 {first} 行和第 {row} 行）</translation>
    </message>
    <message>
        <location filename="../../domain/dashboard.py" line="283"/>
        <source>Case {case_id}: the due date {value!r} is not a date</source>
        <translation>案件 {case_id}：办理期限 {value!r} 不是日期</translation>
    </message>
    <message>
        <location filename="../../domain/dashboard.py" line="301"/>
        <source>Case {case_id}: unknown status {status!r}; the statuses are: {statuses}</source>
        <translation>案件 {case_id}：未知状态 {status!r}；可用状态为：{statuses}</translation>
    </message>
    <message>
        <location filename="../../domain/dashboard.py" line="365"/>
        <source>{source} row {row}: unit {code}: {field} {gap} does not fit the target {target} and the actual {actual}</source>
        <translation>{source}第 {row} 行：单位 {code}：{field} {gap} 与目标 {target}、实际 {actual} 不符</translation>
    </message>
    <message>
        <location filename="../../domain/dashboard.py" line="393"/>
        <source>{source}: unit {code} has two rows ({first} and {row})</source>
        <translation>{source}：单位 {code} 有两行（第 {first} 行和第 {row} 行）</translation>
    </message>
    <message>
        <location filename="../../domain/dashboard.py" line="403"/>
        <source>The units table has no township rows</source>
        <translation>指标核算表中没有乡镇行</translation>
    </message>
    <message>
        <location filename="../../domain/dashboard.py" line="471"/>
        <source>The parcel layers {first} and {second} both give the year {year}; give each year once</source>
        <translation>地块图层 {first} 和 {second} 的年份都是 {year}；每个年份只能提供一次</translation>
    </message>
    <message>
        <location filename="../../report/tables.py" line="23"/>
        <source>Patrols</source>
        <translation>巡田</translation>
    </message>
    <message>
        <location filename="../../report/tables.py" line="25"/>
        <source>Farmland and PBF against targets</source>
        <translation>耕地和永久基本农田目标完成情况</translation>
    </message>
    <message>
        <location filename="../../report/tables.py" line="26"/>
        <source>Farmland trend</source>
        <translation>耕地变化趋势</translation>
    </message>
    <message>
        <location filename="../../report/tables.py" line="29"/>
        <source>No patrol summary was given (patrolcoverage&apos;s township monthly summary).</source>
        <translation>未提供巡田汇总（patrolcoverage 的乡镇月度汇总）。</translation>
    </message>
    <message>
        <location filename="../../report/tables.py" line="30"/>
        <source>No case workspace was given.</source>
        <translation>未提供案件工作空间。</translation>
    </message>
    <message>
        <location filename="../../report/tables.py" line="31"/>
        <source>No units table was given (quotaoverlay&apos;s units at township level).</source>
        <translation>未提供指标核算表（quotaoverlay 乡镇级结果）。</translation>
    </message>
    <message>
        <location filename="../../report/tables.py" line="32"/>
        <source>No yearly parcel layers were given.</source>
        <translation>未提供年度地类图斑图层。</translation>
    </message>
    <message>
        <location filename="../../report/tables.py" line="34"/>
        <source>Only one parcel layer was given: the trend chart needs two years or more.</source>
        <translation>只提供了一个地块图层：趋势图至少需要两个年份。</translation>
    </message>
    <message>
        <location filename="../../report/tables.py" line="35"/>
        <source>(no township code)</source>
        <translation>（无乡镇代码）</translation>
    </message>
    <message>
        <location filename="../../report/tables.py" line="36"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location filename="../../report/tables.py" line="37"/>
        <source>Township code</source>
        <translation>乡镇代码</translation>
    </message>
    <message>
        <location filename="../../report/tables.py" line="37"/>
        <source>Township</source>
        <translation>乡镇/街道</translation>
    </message>
    <message>
        <location filename="../../report/tables.py" line="91"/>
        <source>Periods due</source>
        <translation>应巡周期数</translation>
    </message>
    <message>
        <location filename="../../report/tables.py" line="91"/>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../report/tables.py" line="91"/>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <location filename="../../report/tables.py" line="102"/>
        <source>Patrol rate per township, all months</source>
        <translation>各乡镇巡田率（全部月份）</translation>
    </message>
    <message>
        <location filename="../../report/tables.py" line="109"/>
        <source>Patrol rate per township and month</source>
        <translation>各乡镇逐月巡田率</translation>
    </message>
    <message>
        <location filename="../../report/tables.py" line="109"/>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <location filename="../../report/tables.py" line="131"/>
        <source>Cases per township and status, overdue as of {date}</source>
        <translation>各乡镇各状态案件数（逾期截至 {date}）</translation>
    </message>
    <message>
        <location filename="../../report/tables.py" line="138"/>
        <source>Actual (mu)</source>
        <translation>实际(亩)</translation>
    </message>
    <message>
        <location filename="../../report/tables.py" line="138"/>
        <source>Target (mu)</source>
        <translation>目标(亩)</translation>
    </message>
    <message>
        <location filename="../../report/tables.py" line="138"/>
        <source>Gap (mu)</source>
        <translation>缺口(亩)</translation>
    </message>
    <message>
        <location filename="../../report/tables.py" line="138"/>
        <source>Completion (%)</source>
        <translation>完成率(%)</translation>
    </message>
    <message>
        <location filename="../../report/tables.py" line="147"/>
        <source>Farmland against target per township</source>
        <translation>各乡镇耕地保有量目标完成情况</translation>
    </message>
    <message>
        <location filename="../../report/tables.py" line="147"/>
        <source>Permanent basic farmland against target per township</source>
        <translation>各乡镇永久基本农田目标完成情况</translation>
    </message>
    <message>
        <location filename="../../report/html.py" line="13"/>
        <source>Farmland protection dashboard</source>
        <translation>耕地保护驾驶舱</translation>
    </message>
    <message>
        <location filename="../../report/charts.py" line="42"/>
        <source>Change since {first} in {years} (mu)</source>
        <translation>{years}年较{first}年变化（亩）</translation>
    </message>
    <message>
        <location filename="../../report/html.py" line="14"/>
        <source>Cases overdue as of {date}</source>
        <translation>案件逾期判定日期：{date}</translation>
    </message>
    <message>
        <location filename="../../report/html.py" line="15"/>
        <source>Generated {time}</source>
        <translation>生成时间：{time}</translation>
    </message>
    <message>
        <location filename="../../report/html.py" line="16"/>
        <source>Area method: {methods}</source>
        <translation>面积计算方法：{methods}</translation>
    </message>
    <message>
        <location filename="../../report/html.py" line="17"/>
        <source>Inputs: {sources}</source>
        <translation>数据来源：{sources}</translation>
    </message>
    <message>
        <location filename="../../services/qr.py" line="33"/>
        <source>The QR code content for {name} has {count} characters, too many for a QR code</source>
        <translation>{name} 的二维码内容有 {count} 个字符，超出二维码容量</translation>
    </message>
    <message>
        <location filename="../../services/qr.py" line="49"/>
        <source>Cannot write the QR code file {path}: {error}</source>
        <translation>无法写入二维码文件 {path}：{error}</translation>
    </message>
    <message>
        <location filename="../../services/crs.py" line="42"/>
        <source>The layer has no CRS, so its areas cannot be measured: set the layer's CRS (Layer Properties › Source), or use the official area field (AREA_FIELD, e.g. TBDLMJ) instead of GEOMETRY_AREA</source>
        <translation>图层没有坐标参考系，无法量算面积：请设置图层的坐标参考系（图层属性 › 源），或改用官方面积字段（AREA_FIELD，如 TBDLMJ），不用 GEOMETRY_AREA</translation>
    </message>
    <message>
        <location filename="../../services/crs.py" line="54"/>
        <source>Planar areas of the geographic CRS {crs} would be square degrees: choose the ellipsoidal method (GEOMETRY_AREA) or the official area field (AREA_FIELD)</source>
        <translation>地理坐标系 {crs} 的平面面积单位是平方度：请选择椭球面积算法（GEOMETRY_AREA）或官方面积字段（AREA_FIELD）</translation>
    </message>
    <message>
        <location filename="../../services/dashboard_inputs.py" line="133"/>
        <source>Give at least one input: patrol summary, units, case workspace or parcel layers</source>
        <translation>请至少提供一项输入：巡田汇总、指标核算结果、案件工作空间或地块图层</translation>
    </message>
    <message>
        <location filename="../../services/farmland.py" line="60"/>
        <source>Name at least one farmland land class, such as 0101,0102,0103</source>
        <translation>请至少指定一个耕地地类编码，如 0101,0102,0103</translation>
    </message>
    <message>
        <location filename="../../services/sources.py" line="174"/>
        <source>Layer {layer!r}, field {field}: the text of {count} features could not be decoded (features {rows}); check the file&apos;s encoding</source>
        <translation>图层 {layer!r} 字段 {field}：{count} 个要素的文字无法解码（要素 {rows}）；请检查文件编码</translation>
    </message>
    <message>
        <location filename="../../services/patrol_inputs.py" line="86"/>
        <source>Grid cell {fid} has no grid_code or a level outside 1–6; use the grid from delineategrid</source>
        <translation>网格 {fid} 没有 grid_code 或层级不在 1–6 之间；请使用网格划分输出的网格</translation>
    </message>
    <message>
        <location filename="../../store/schema.py" line="114"/>
        <source>{path} is a folder: choose a GeoPackage file</source>
        <translation>{path} 是文件夹：请选择 GeoPackage 文件</translation>
    </message>
    <message>
        <location filename="../../store/schema.py" line="117"/>
        <source>There is no workspace file {path}</source>
        <translation>工作空间文件 {path} 不存在</translation>
    </message>
    <message>
        <location filename="../../store/schema.py" line="128"/>
        <source>{path} holds no cases: choose the workspace GeoPackage the cases were issued to</source>
        <translation>{path} 中没有案件：请选择案件下发到的工作空间 GeoPackage</translation>
    </message>
    <message>
        <location filename="../../store/schema.py" line="141"/>
        <source>{path} is read-only</source>
        <translation>{path} 为只读</translation>
    </message>
    <message>
        <location filename="../../store/schema.py" line="143"/>
        <source>{path} is read-only, so its workspace schema cannot be brought from version {found} to {known}</source>
        <translation>{path} 为只读，无法将其工作空间结构从版本 {found} 升级到 {known}</translation>
    </message>
    <message>
        <location filename="../../store/workspace.py" line="77"/>
        <source>No workspace was given</source>
        <translation>未指定工作空间</translation>
    </message>
    <message>
        <location filename="../../store/workspace.py" line="80"/>
        <source>{location} is a PostgreSQL connection: this version of the plugin keeps workspaces in GeoPackage files</source>
        <translation>{location} 是 PostgreSQL 连接：此版本插件只支持将工作空间保存在 GeoPackage 文件中</translation>
    </message>
    <message>
        <location filename="../../domain/coding.py" line="57"/>
        <source>The parcel has no geometry: it gets a code once it has one</source>
        <translation>该图斑没有几何图形：有图形后再赋码</translation>
    </message>
    <message>
        <location filename="../../domain/phones.py" line="74"/>
        <source>Phone {phone!r} was turned into a number by a spreadsheet and lost digits: type it again</source>
        <translation>电话 {phone!r} 被电子表格转成数字并丢失了位数：请重新录入</translation>
    </message>
    <message>
        <location filename="../../domain/phones.py" line="87"/>
        <source>Phone {phone!r} is neither a mobile number (11 digits starting with 1) nor a landline (area code and 7–8 digits)</source>
        <translation>电话 {phone!r} 既不是手机号（以 1 开头的 11 位数字），也不是固定电话（区号加 7–8 位号码）</translation>
    </message>
    <message>
        <location filename="../../domain/roster.py" line="28"/>
        <source>Roster row {id}: phone {phone!r} was repaired to {fixed}</source>
        <translation>名册第 {id} 行：电话 {phone!r} 已修复为 {fixed}</translation>
    </message>
    <message>
        <location filename="../../domain/roster.py" line="43"/>
        <source>Roster row {id}: {error}; it is left out</source>
        <translation>名册第 {id} 行：{error}；该电话未采用</translation>
    </message>
    <message>
        <location filename="../../domain/grid.py" line="150"/>
        <source>Parcel identifier {id} is used by {count} features: {features}</source>
        <translation>图斑标识 {id} 被 {count} 个要素重复使用：{features}</translation>
    </message>
    <message>
        <location filename="../../domain/quota.py" line="157"/>
        <source>Target row {row}: {problem}; the row is skipped</source>
        <translation>目标表第 {row} 行：{problem}；已跳过该行</translation>
    </message>
    <message>
        <location filename="../../domain/quota.py" line="164"/>
        <source>Target row {row}: unit {code} has no parcels; the row is skipped</source>
        <translation>目标表第 {row} 行：单位 {code} 没有图斑；已跳过该行</translation>
    </message>
    <message>
        <location filename="../../domain/quota.py" line="169"/>
        <source>Target row {row} ({code}): {field} is empty or not a number</source>
        <translation>目标表第 {row} 行（{code}）：{field} 为空或不是数字</translation>
    </message>
    <message>
        <location filename="../../domain/quota.py" line="177"/>
        <source>Unit {code} has targets in rows {rows}; none of them is used</source>
        <translation>单位 {code} 在第 {rows} 行都有目标，均不采用</translation>
    </message>
</context>
<context>
    <name>AssignSpaceCodesAlgorithm</name>
    <message>
        <location filename="../../processing/assign_space_codes.py" line="85"/>
        <source>Assign parcel space codes</source>
        <translation>地块赋码（一地一码）</translation>
    </message>
    <message>
        <location filename="../../processing/assign_space_codes.py" line="109"/>
        <source>Parcels (DLTB)</source>
        <translation>地类图斑（DLTB）</translation>
    </message>
    <message>
        <location filename="../../processing/assign_space_codes.py" line="112"/>
        <source>Location unit code field</source>
        <translation>坐落单位代码字段</translation>
    </message>
    <message>
        <location filename="../../processing/assign_space_codes.py" line="116"/>
        <source>Code non-farmland parcels too</source>
        <translation>非耕地图斑也赋码</translation>
    </message>
    <message>
        <location filename="../../processing/assign_space_codes.py" line="117"/>
        <source>Parcel identifier field</source>
        <translation>图斑标识字段</translation>
    </message>
    <message>
        <location filename="../../processing/assign_space_codes.py" line="118"/>
        <source>Previous coded parcels (optional)</source>
        <translation>上一年度已赋码图斑（可选）</translation>
    </message>
    <message>
        <location filename="../../processing/assign_space_codes.py" line="123"/>
        <source>Previous space code field</source>
        <translation>上一年度地块空间码字段</translation>
    </message>
    <message>
        <location filename="../../processing/assign_space_codes.py" line="128"/>
        <source>Mutual overlap to keep a code (share of area)</source>
        <translation>沿用原码所需的相互重叠比例（面积占比）</translation>
    </message>
    <message>
        <location filename="../../processing/assign_space_codes.py" line="138"/>
        <source>Workspace GeoPackage with the code registry (created if missing)</source>
        <translation>工作空间 GeoPackage（含赋码登记表，不存在时自动创建）</translation>
    </message>
    <message>
        <location filename="../../processing/assign_space_codes.py" line="147"/>
        <source>Coded parcels</source>
        <translation>已赋码图斑</translation>
    </message>
    <message>
        <location filename="../../processing/assign_space_codes.py" line="148"/>
        <source>Code lineage</source>
        <translation>编码谱系</translation>
    </message>
    <message>
        <location filename="../../processing/assign_space_codes.py" line="151"/>
        <source>Parcels with a code</source>
        <translation>已赋码图斑数</translation>
    </message>
    <message>
        <location filename="../../processing/assign_space_codes.py" line="151"/>
        <source>Codes issued</source>
        <translation>新发编码数</translation>
    </message>
    <message>
        <location filename="../../processing/assign_space_codes.py" line="151"/>
        <source>Codes retired</source>
        <translation>注销编码数</translation>
    </message>
    <message>
        <location filename="../../processing/assign_space_codes.py" line="151"/>
        <source>Parcels rejected</source>
        <translation>拒绝赋码图斑数</translation>
    </message>
    <message>
        <location filename="../../processing/assign_space_codes.py" line="162"/>
        <source>The parcel layer could not be opened</source>
        <translation>无法打开地类图斑图层</translation>
    </message>
    <message>
        <location filename="../../processing/assign_space_codes.py" line="190"/>
        <source>Reading parcels…</source>
        <translation>正在读取图斑……</translation>
    </message>
    <message>
        <location filename="../../processing/assign_space_codes.py" line="214"/>
        <source>No workspace: codes retired in earlier runs are not known, only those in the previous layer</source>
        <translation>未指定工作空间：无法得知以往已注销的编码，仅参照上一年度图层</translation>
    </message>
    <message>
        <location filename="../../processing/assign_space_codes.py" line="260"/>
        <source>{0} codes of the previous layer were retired earlier and are not kept, e.g. {1}</source>
        <translation>上一年度图层中有 {0} 个编码此前已注销，不再沿用，例如 {1}</translation>
    </message>
    <message>
        <location filename="../../processing/assign_space_codes.py" line="267"/>
        <source>Assigning codes…</source>
        <translation>正在赋码……</translation>
    </message>
    <message>
        <location filename="../../processing/assign_space_codes.py" line="320"/>
        <source>{0}: {1} parcels</source>
        <translation>{0}：{1} 个图斑</translation>
    </message>
    <message>
        <location filename="../../processing/assign_space_codes.py" line="321"/>
        <source>Codes retired: {0}</source>
        <translation>注销编码：{0} 个</translation>
    </message>
    <message>
        <location filename="../../processing/assign_space_codes.py" line="325"/>
        <source>… and {0} more previous parcels without a valid code</source>
        <translation>……另有 {0} 个上一年度图斑没有有效编码</translation>
    </message>
    <message>
        <location filename="../../processing/assign_space_codes.py" line="88"/>
        <source>Gives every farmland parcel a space code (一地一码) that works like an ID card: 12-digit village code, 3-digit villager group (000 where none), 5-digit serial within the group and an ISO 7064 MOD 11-2 check character (0–9 or X), 21 characters.

First run (no previous layer): serials follow a Hilbert space-filling curve through each group, so neighbouring parcels get neighbouring serials; the result does not depend on the feature order.

With a previous coded layer: a parcel that overlaps a previous parcel mutually by at least the threshold (share of each one's area, above 0.5) keeps its code, even if it moved a little or its attributes changed; pieces of a split parcel, merged parcels, parcels moved to another group and new parcels get new codes; codes of deleted parcels are retired.

Workspace: a GeoPackage holding the registry of every code ever issued; with it, retired codes are never issued again, across runs and users. New codes are registered before any output is written, so an interrupted run may leave unused serials but never an unregistered code. Without it, serials continue after the highest in the previous layer only.

Outputs: the parcels with space_code, code_status (kept, new, split, merged, regrouped; rejected where the unit code is invalid or the parcel has no geometry, with the reason in code_note) — non-farmland passes through uncoded unless asked; and the lineage table, one row per event (space_code, event, parent_codes, successor_codes, run_time).</source>
        <translation>为每个耕地图斑赋予像身份证一样的地块空间码（一地一码）：12 位行政村代码、3 位村民小组代码（无小组为 000）、5 位组内顺序码和 1 位 ISO 7064 MOD 11-2 校验码（0–9 或 X），共 21 位。

首次赋码（无上一年度图层）：顺序码沿希尔伯特空间填充曲线在各组内编排，相邻图斑得到相邻的顺序码；结果与要素顺序无关。

有上一年度已赋码图层时：与上一年度某图斑相互重叠达到阈值（各自面积占比，须大于 0.5）的图斑沿用原码，即使位置略有移动或属性有变化；图斑分割后的各部分、合并的图斑、调入其他村民小组的图斑和新增图斑赋新码；已删除图斑的编码注销。

工作空间：保存所有已发编码登记表的 GeoPackage；有了它，已注销的编码在多次运行、多人使用时都不会再次发放。新编码在写出任何结果之前先登记，因此中断的运行最多留下未用的顺序码，绝不会留下未登记的编码。没有工作空间时，只保证顺序码接在上一年度图层的最大值之后。

输出：带 space_code、code_status（kept 沿用、new 新增、split 分割、merged 合并、regrouped 调组；单位代码无效或图斑无几何图形时为 rejected，原因见 code_note）的图斑，非耕地默认不赋码、原样输出；以及编码谱系表，每个事件一行（space_code、event、parent_codes、successor_codes、run_time）。</translation>
    </message>
</context>
<context>
    <name>CaseDetails</name>
    <message>
        <location filename="../../ui/review_details.py" line="29"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/review_details.py" line="29"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../ui/review_details.py" line="29"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/review_details.py" line="29"/>
        <source>Actor</source>
        <translation>办理人</translation>
    </message>
    <message>
        <location filename="../../ui/review_details.py" line="29"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/review_details.py" line="67"/>
        <source>due {date}</source>
        <translation>截止 {date}</translation>
    </message>
    <message>
        <location filename="../../ui/review_details.py" line="73"/>
        <source>Verdict: {verdict}</source>
        <translation>认定：{verdict}</translation>
    </message>
    <message>
        <location filename="../../ui/review_details.py" line="75"/>
        <source>Rectification: {text}</source>
        <translation>整改：{text}</translation>
    </message>
    <message>
        <location filename="../../ui/review_details.py" line="79"/>
        <source>Parcel space code: {codes}</source>
        <translation>地块空间码：{codes}</translation>
    </message>
    <message>
        <location filename="../../ui/review_details.py" line="81"/>
        <source>Parcel space code: none recorded with the evidence</source>
        <translation>地块空间码：举证材料中未记录</translation>
    </message>
    <message>
        <location filename="../../ui/review_details.py" line="83"/>
        <source>No evidence photos yet</source>
        <translation>尚无举证照片</translation>
    </message>
    <message>
        <location filename="../../ui/review_details.py" line="96"/>
        <source>Shortcut: {key}</source>
        <translation>快捷键：{key}</translation>
    </message>
</context>
<context>
    <name>DashboardDock</name>
    <message>
        <location filename="../../ui/dashboard_dock.py" line="332"/>
        <source>Farmland protection dashboard</source>
        <translation>耕地保护驾驶舱</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_dock.py" line="203"/>
        <source>patrolcoverage&apos;s township monthly summary</source>
        <translation>patrolcoverage 输出的乡镇月度巡田汇总</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_dock.py" line="204"/>
        <source>Patrol summary</source>
        <translation>巡田汇总</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_dock.py" line="205"/>
        <source>quotaoverlay&apos;s units at township level</source>
        <translation>quotaoverlay 输出的乡镇级指标核算结果</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_dock.py" line="206"/>
        <source>Units against targets</source>
        <translation>单位目标核算</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_dock.py" line="209"/>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage 文件 (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_dock.py" line="210"/>
        <source>Choose the case workspace</source>
        <translation>选择案件工作空间</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_dock.py" line="211"/>
        <source>Case workspace</source>
        <translation>案件工作空间</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_dock.py" line="213"/>
        <source>Tick the yearly parcel (DLTB) layers; the year is the first 19xx/20xx number in the layer name</source>
        <translation>勾选各年度地类图斑（DLTB）图层；年份取图层名中第一个 19xx/20xx 数字</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_dock.py" line="217"/>
        <source>Yearly parcel layers</source>
        <translation>年度地类图斑图层</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_dock.py" line="219"/>
        <source>empty: ellipsoidal area</source>
        <translation>留空：椭球面积</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_dock.py" line="220"/>
        <source>Parcel area field (m²)</source>
        <translation>地块面积字段（平方米）</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_dock.py" line="224"/>
        <source>Cases overdue as of</source>
        <translation>案件逾期判定日期</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_dock.py" line="228"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_dock.py" line="229"/>
        <source>Collect the figures from the inputs (in the background)</source>
        <translation>从输入数据统计各项指标（后台运行）</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_dock.py" line="231"/>
        <source>Export report…</source>
        <translation>导出报告…</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_dock.py" line="232"/>
        <source>Write the dashboard as an HTML and PDF report with the same inputs</source>
        <translation>用相同输入将驾驶舱导出为 HTML 和 PDF 报告</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_dock.py" line="334"/>
        <source>Collecting the figures…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_dock.py" line="350"/>
        <source>The dashboard was not refreshed: cancelled</source>
        <translation>驾驶舱未刷新：已取消</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_dock.py" line="388"/>
        <source>Figures as of {date}</source>
        <translation>数据截至 {date}</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_dock.py" line="365"/>
        <source>The dashboard charts need matplotlib ({0}); on Debian/Ubuntu install python3-matplotlib</source>
        <translation>驾驶舱图表需要 Python 包 matplotlib（{0}）；Debian/Ubuntu 请安装 python3-matplotlib</translation>
    </message>
</context>
<context>
    <name>DashboardInputs</name>
    <message>
        <location filename="../../services/dashboard_inputs.py" line="96"/>
        <source>patrol summary {0}</source>
        <translation>巡田汇总 {0}</translation>
    </message>
    <message>
        <location filename="../../services/dashboard_inputs.py" line="98"/>
        <source>units {0}</source>
        <translation>指标核算 {0}</translation>
    </message>
    <message>
        <location filename="../../services/dashboard_inputs.py" line="100"/>
        <source>case workspace {0}</source>
        <translation>案件工作空间 {0}</translation>
    </message>
    <message>
        <location filename="../../services/dashboard_inputs.py" line="102"/>
        <source>parcels {0} ({1})</source>
        <translation>地块 {0}（{1}）</translation>
    </message>
    <message>
        <location filename="../../services/dashboard_inputs.py" line="137"/>
        <source>Reading the patrol summary…</source>
        <translation>正在读取巡田汇总…</translation>
    </message>
    <message>
        <location filename="../../services/dashboard_inputs.py" line="141"/>
        <source>Reading the units table…</source>
        <translation>正在读取指标核算表…</translation>
    </message>
    <message>
        <location filename="../../services/dashboard_inputs.py" line="145"/>
        <source>Reading the cases…</source>
        <translation>正在读取案件…</translation>
    </message>
    <message>
        <location filename="../../services/dashboard_inputs.py" line="152"/>
        <source>Farmland per township in {0} (year {1})…</source>
        <translation>正在统计 {0}（{1}）各乡镇耕地…</translation>
    </message>
</context>
<context>
    <name>DashboardReportAlgorithm</name>
    <message>
        <location filename="../../processing/dashboard_report.py" line="139"/>
        <source>Dashboard report</source>
        <translation>驾驶舱报告</translation>
    </message>
    <message>
        <location filename="../../processing/dashboard_report.py" line="71"/>
        <source>The dashboard (驾驶舱) of the county as a report: patrols, cases, farmland and permanent basic farmland against targets, and the farmland trend, per township, each as a chart and a table with the exact figures.

Inputs (all optional, at least one needed): the patrol summary, patrolcoverage's township monthly summary (township_code, township_name, month, periods_due, periods_completed, periods_overdue, patrol_rate_pct, rank), shown per township and month with the ranking, and per township over all months (patrol rate 巡田率 = completed ÷ due); the units table, quotaoverlay's units at the township level (unit_code, unit_name, farmland_mu, farmland_target_mu, farmland_gap_mu, pbf_mu, pbf_target_mu, pbf_gap_mu, in 亩), with its TOTAL row; the case workspace GeoPackage, counted per township and status with the cases overdue on the “as of” date (default today: not closed and due before that day); yearly parcel (DLTB) layers for the trend, farmland per township counted as quotaoverlay counts it (location code, land classes and area field in m², TBDLMJ by default; empty: ellipsoidal area), the year being the first 19xx/20xx number in the layer's name (else in its file name, else its position). The trend chart needs two years or more. Township names come from the units table and the patrol summary; townships without a name show their code.

Outputs: the HTML report, one file with the charts embedded, the tables, the date, the area method and a warning when no Chinese font was found for the charts (they are then labelled in English); optionally the same report as an A4 PDF with real, searchable text. Areas are in 亩 to 0.0001 as the quota outputs store them, rates and completion in %.</source>
        <translation>以报告形式呈现全县耕地保护驾驶舱：按乡镇统计巡田、案件、耕地和永久基本农田目标完成情况及耕地变化趋势，每项均有图表和含精确数值的表格。

输入（均可选，至少提供一项）：巡田汇总，即 patrolcoverage 的乡镇月度汇总（township_code、township_name、month、periods_due、periods_completed、periods_overdue、patrol_rate_pct、rank），按乡镇逐月显示并排名，另按乡镇汇总全部月份（巡田率 = 已完成 ÷ 应巡）；指标核算表，即 quotaoverlay 乡镇级单位结果（unit_code、unit_name、farmland_mu、farmland_target_mu、farmland_gap_mu、pbf_mu、pbf_target_mu、pbf_gap_mu，单位亩），含 TOTAL 合计行；案件工作空间 GeoPackage，按乡镇和状态统计案件数，并统计截至“逾期判定日期”（默认今天）的逾期案件（未结案且办理期限早于该日）；用于趋势的年度地类图斑（DLTB）图层，按 quotaoverlay 的规则统计各乡镇耕地（坐落单位代码、耕地地类和面积字段，单位平方米，默认 TBDLMJ；留空则用椭球面积），年份取图层名中第一个 19xx/20xx 数字（没有则取文件名中的，再没有则取图层序号）。趋势图至少需要两个年份。乡镇名称取自指标核算表和巡田汇总；无名称的乡镇显示代码。

输出：HTML 报告，单个文件，内嵌图表，含表格、日期、面积计算方法，未找到中文字体时附警告（图表改用英文标注）；可选同内容的 A4 PDF 报告，文字可检索。面积单位为亩，保留 4 位小数，与指标核算结果一致；巡田率和完成率以 % 表示。</translation>
    </message>
    <message>
        <location filename="../../processing/dashboard_report.py" line="94"/>
        <source>Patrol summary (patrolcoverage, township monthly)</source>
        <translation>巡田汇总（patrolcoverage 乡镇月度汇总）</translation>
    </message>
    <message>
        <location filename="../../processing/dashboard_report.py" line="102"/>
        <source>Units against targets (quotaoverlay, township level)</source>
        <translation>指标核算结果（quotaoverlay 乡镇级）</translation>
    </message>
    <message>
        <location filename="../../processing/dashboard_report.py" line="107"/>
        <source>Case workspace GeoPackage</source>
        <translation>案件工作空间 GeoPackage</translation>
    </message>
    <message>
        <location filename="../../processing/dashboard_report.py" line="112"/>
        <source>Yearly parcel layers (DLTB) for the trend</source>
        <translation>用于趋势分析的年度地类图斑图层（DLTB）</translation>
    </message>
    <message>
        <location filename="../../processing/dashboard_report.py" line="120"/>
        <source>Location unit code field of the parcels</source>
        <translation>地块坐落单位代码字段</translation>
    </message>
    <message>
        <location filename="../../processing/dashboard_report.py" line="120"/>
        <source>Land class field of the parcels</source>
        <translation>地块地类编码字段</translation>
    </message>
    <message>
        <location filename="../../processing/dashboard_report.py" line="120"/>
        <source>Farmland land classes (comma separated)</source>
        <translation>耕地地类（逗号分隔）</translation>
    </message>
    <message>
        <location filename="../../processing/dashboard_report.py" line="126"/>
        <source>Area field of the parcels in m² (empty: ellipsoidal area)</source>
        <translation>地块面积字段，平方米（留空：椭球面积）</translation>
    </message>
    <message>
        <location filename="../../processing/dashboard_report.py" line="134"/>
        <source>Cases overdue as of (empty: today)</source>
        <translation>案件逾期判定日期（留空：今天）</translation>
    </message>
    <message>
        <location filename="../../processing/dashboard_report.py" line="139"/>
        <source>HTML (*.html)</source>
        <translation>HTML 文件 (*.html)</translation>
    </message>
    <message>
        <location filename="../../processing/dashboard_report.py" line="142"/>
        <source>Dashboard report as PDF</source>
        <translation>驾驶舱报告 PDF</translation>
    </message>
    <message>
        <location filename="../../processing/dashboard_report.py" line="142"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../processing/dashboard_report.py" line="147"/>
        <source>Townships</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <location filename="../../processing/dashboard_report.py" line="154"/>
        <source>{0} is not a vector layer of parcels</source>
        <translation>{0} 不是地块矢量图层</translation>
    </message>
    <message>
        <location filename="../../processing/dashboard_report.py" line="180"/>
        <source>Drawing the charts…</source>
        <translation>正在绘制图表…</translation>
    </message>
    <message>
        <location filename="../../processing/dashboard_report.py" line="192"/>
        <source>Writing the PDF…</source>
        <translation>正在写入 PDF…</translation>
    </message>
</context>
<context>
    <name>DecomposeTargetsAlgorithm</name>
    <message>
        <location filename="../../processing/decompose_targets.py" line="84"/>
        <source>Decompose targets</source>
        <translation>目标任务分解</translation>
    </message>
    <message>
        <location filename="../../processing/decompose_targets.py" line="87"/>
        <source>Hands the farmland target (耕地保有量) and the permanent basic farmland target (永久基本农田保护面积) of a unit down to its townships, villages and villager groups, in proportion to their current farmland: the figures of each level's responsibility letter (责任书).

Inputs: the parcel layer (DLTB) with its location-unit code field (ZLDWDM), land-class field (DLBM), the classes counted as farmland (0101,0102,0103) and the area field (TBDLMJ, m², the official net area; leave it empty to measure the geometry ellipsoidally on the layer CRS's ellipsoid); the targets table (CSV or table: unit_code, farmland_target_mu, pbf_target_mu in 亩, optional unit_name), with rows for units of any level, typically the county or its townships; the lowest level to decompose to.

Every given unit keeps its target and the units below it share it; a unit given as well as its parent keeps its own figure, and a warning says that its level no longer adds up to the parent. Shares are in 亩 rounded to 0.01 so that the children add up exactly to their parent (largest remainders; equal remainders go to the lower unit code); units without farmland get nothing unless no sibling has any, then the target is split evenly. Rows with an invalid or unknown code, a missing or non-numeric target, or a code given twice are skipped with a warning.

Output: a table with grid_code, level (3–6), level_name, parent_code, unit_name, basis_mu (current farmland, 亩), farmland_target_mu, pbf_target_mu (亩), source (given or decomposed) and area_method.</source>
        <translation>将一个单位的耕地保有量目标和永久基本农田保护面积目标，按现状耕地面积比例逐级分解到乡镇、行政村和村民小组：即各级责任书中的数字。

输入：地类图斑图层（DLTB）及其坐落单位代码字段（ZLDWDM）、地类编码字段（DLBM）、计为耕地的地类（0101,0102,0103）和面积字段（TBDLMJ，平方米，官方图斑地类面积；留空则按图层坐标系椭球计算几何的椭球面积）；目标表（CSV 或表：unit_code、farmland_target_mu、pbf_target_mu，单位亩，可含 unit_name），可含任意层级单位的行，通常为县或其下各乡镇；分解到的最低层级。

每个给定单位保留其目标并由下级单位分担；若同时给定了某单位及其上级，该单位保留自己的数字，并警告其所在层级合计不再等于上级。分解份额以亩为单位、四舍五入到 0.01，使下级合计恰好等于上级（最大余数法；余数相同时归单位代码较小者）；没有耕地的单位不分配，除非所有同级单位都没有耕地，此时平均分配。单位代码无效或不存在、目标缺失或不是数字、同一代码出现多次的行，跳过并给出警告。

输出：一张表，含 grid_code、level（3–6）、level_name、parent_code、unit_name、basis_mu（现状耕地面积，亩）、farmland_target_mu、pbf_target_mu（亩）、source（given 给定或 decomposed 分解）和 area_method。</translation>
    </message>
    <message>
        <location filename="../../processing/decompose_targets.py" line="107"/>
        <source>Parcels (DLTB)</source>
        <translation>地类图斑（DLTB）</translation>
    </message>
    <message>
        <location filename="../../processing/decompose_targets.py" line="110"/>
        <source>Location unit code field</source>
        <translation>坐落单位代码字段</translation>
    </message>
    <message>
        <location filename="../../processing/decompose_targets.py" line="115"/>
        <source>Unit name field</source>
        <translation>单位名称字段</translation>
    </message>
    <message>
        <location filename="../../processing/decompose_targets.py" line="116"/>
        <source>Targets table</source>
        <translation>目标表</translation>
    </message>
    <message>
        <location filename="../../processing/decompose_targets.py" line="117"/>
        <source>Target unit code field</source>
        <translation>目标单位代码字段</translation>
    </message>
    <message>
        <location filename="../../processing/decompose_targets.py" line="117"/>
        <source>Farmland target field (亩)</source>
        <translation>耕地保有量目标字段（亩）</translation>
    </message>
    <message>
        <location filename="../../processing/decompose_targets.py" line="117"/>
        <source>PBF target field (亩)</source>
        <translation>永久基本农田目标字段（亩）</translation>
    </message>
    <message>
        <location filename="../../processing/decompose_targets.py" line="117"/>
        <source>Target unit name field</source>
        <translation>目标单位名称字段</translation>
    </message>
    <message>
        <location filename="../../processing/decompose_targets.py" line="124"/>
        <source>Decompose down to</source>
        <translation>分解到</translation>
    </message>
    <message>
        <location filename="../../processing/decompose_targets.py" line="124"/>
        <source>Townships</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <location filename="../../processing/decompose_targets.py" line="124"/>
        <source>Administrative villages</source>
        <translation>行政村</translation>
    </message>
    <message>
        <location filename="../../processing/decompose_targets.py" line="124"/>
        <source>Villager groups</source>
        <translation>村民小组</translation>
    </message>
    <message>
        <location filename="../../processing/decompose_targets.py" line="132"/>
        <source>Code prefix lengths of county, township, village, group</source>
        <translation>县、乡镇、村、组的代码前缀长度</translation>
    </message>
    <message>
        <location filename="../../processing/decompose_targets.py" line="137"/>
        <source>Decomposed targets</source>
        <translation>分解后的目标</translation>
    </message>
    <message>
        <location filename="../../processing/decompose_targets.py" line="143"/>
        <source>The parcel layer could not be opened</source>
        <translation>无法打开地类图斑图层</translation>
    </message>
    <message>
        <location filename="../../processing/decompose_targets.py" line="177"/>
        <source>Reading parcels…</source>
        <translation>正在读取图斑……</translation>
    </message>
    <message>
        <location filename="../../processing/decompose_targets.py" line="195"/>
        <source>{0} farmland parcels have no usable area in {1} and count as 0 亩 (feature ids: {2})</source>
        <translation>{0} 个耕地图斑的 {1} 不可用，按 0 亩计（要素号：{2}）</translation>
    </message>
    <message>
        <location filename="../../processing/decompose_targets.py" line="205"/>
        <source>{0} parcels with unit code {1!r} are left out: {2}</source>
        <translation>单位代码为 {1!r} 的 {0} 个图斑未计入：{2}</translation>
    </message>
    <message>
        <location filename="../../processing/decompose_targets.py" line="209"/>
        <source>… and {0} more unusable unit codes</source>
        <translation>……另有 {0} 个不可用的单位代码</translation>
    </message>
    <message>
        <location filename="../../processing/decompose_targets.py" line="214"/>
        <source>Decomposing targets…</source>
        <translation>正在分解目标……</translation>
    </message>
    <message>
        <location filename="../../processing/decompose_targets.py" line="219"/>
        <source>No target row could be used; the warnings above say why</source>
        <translation>目标表中没有可用的行；原因见上面的警告</translation>
    </message>
    <message>
        <location filename="../../processing/decompose_targets.py" line="148"/>
        <source>The targets table could not be opened</source>
        <translation>无法打开目标表</translation>
    </message>
    <message>
        <location filename="../../processing/decompose_targets.py" line="152"/>
        <source>Name the farmland target field, the PBF target field or both</source>
        <translation>请指定耕地保有量目标字段、永久基本农田目标字段或两者</translation>
    </message>
    <message>
        <location filename="../../processing/decompose_targets.py" line="258"/>
        <source>Target row {0} is skipped: {1}</source>
        <translation>目标表第 {0} 行已跳过：{1}</translation>
    </message>
    <message>
        <location filename="../../processing/decompose_targets.py" line="263"/>
        <source>Target row {0} ({1}) is skipped: {2} {3!r} is not a number of 亩 of zero or more</source>
        <translation>目标表第 {0} 行（{1}）已跳过：{2} 的值 {3!r} 不是大于等于零的亩数</translation>
    </message>
    <message>
        <location filename="../../processing/decompose_targets.py" line="275"/>
        <source>Unit {0} has targets in rows {1}; none of them is used</source>
        <translation>单位 {0} 在第 {1} 行都有目标；均未使用</translation>
    </message>
    <message>
        <location filename="../../processing/decompose_targets.py" line="287"/>
        <source>Level {0} ({1}): {2} units, farmland target {3:.2f} 亩, PBF target {4:.2f} 亩</source>
        <translation>第 {0} 级（{1}）：{2} 个单位，耕地保有量目标 {3:.2f} 亩，永久基本农田目标 {4:.2f} 亩</translation>
    </message>
</context>
<context>
    <name>DelineateGridAlgorithm</name>
    <message>
        <location filename="../../processing/delineate_grid.py" line="108"/>
        <source>Delineate supervision grid</source>
        <translation>划分监管网格</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="129"/>
        <source>Parcels (DLTB)</source>
        <translation>地类图斑（DLTB）</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="132"/>
        <source>Location unit code field</source>
        <translation>坐落单位代码字段</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="137"/>
        <source>Unit name field</source>
        <translation>单位名称字段</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="138"/>
        <source>Parcel identifier field</source>
        <translation>图斑标识字段</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="139"/>
        <source>Code prefix lengths of county, township, village, group</source>
        <translation>县、乡镇、村、组的代码前缀长度</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="144"/>
        <source>Roster of responsible persons</source>
        <translation>责任人名册</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="149"/>
        <source>Roster unit code field</source>
        <translation>名册单位代码字段</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="149"/>
        <source>Roster person field</source>
        <translation>名册责任人字段</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="149"/>
        <source>Roster role field</source>
        <translation>名册职务字段</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="149"/>
        <source>Roster phone field</source>
        <translation>名册电话字段</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="149"/>
        <source>Roster unit name field</source>
        <translation>名册单位名称字段</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="157"/>
        <source>Official boundaries (optional)</source>
        <translation>正式边界（可选）</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="162"/>
        <source>Boundary code field</source>
        <translation>边界代码字段</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="165"/>
        <source>Boundary name field</source>
        <translation>边界名称字段</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="168"/>
        <source>Smallest gap or overlap reported (m²)</source>
        <translation>报告缺口或重叠的最小面积（平方米）</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="178"/>
        <source>Grid cells</source>
        <translation>网格单元</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="179"/>
        <source>Grid issues</source>
        <translation>网格质检问题</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="180"/>
        <source>Number of cells</source>
        <translation>网格数</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="181"/>
        <source>Number of issues</source>
        <translation>问题数</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="182"/>
        <source>Farmland in the county cells (亩)</source>
        <translation>县级网格耕地面积（亩）</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="187"/>
        <source>The parcel layer could not be opened</source>
        <translation>无法打开地类图斑图层</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="226"/>
        <source>Reading parcels…</source>
        <translation>正在读取图斑……</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="254"/>
        <source>Delineating cells…</source>
        <translation>正在划分网格……</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="297"/>
        <source>Boundaries are in {0}; they are reprojected to the parcels&apos; {1}</source>
        <translation>边界坐标系为 {0}，已动态投影到图斑的 {1}</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="313"/>
        <source>No roster given: responsible persons are not checked</source>
        <translation>未提供责任人名册：不检查责任人</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="335"/>
        <source>Level {0} ({1}): {2} cells, {3:.2f} 亩 farmland</source>
        <translation>第 {0} 级（{1}）：{2} 个网格，耕地 {3:.2f} 亩</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="341"/>
        <source>Issue {0}: {1}</source>
        <translation>问题 {0}：{1} 处</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="343"/>
        <source>No issues found</source>
        <translation>未发现问题</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="111"/>
        <source>Builds the grid cells of the county, township, village and villager-group levels from land-survey parcels (DLTB), and checks the grid.

Inputs: the parcel layer; its location-unit code field (ZLDWDM, 19 characters); its land-class field (DLBM) and the classes counted as farmland (0101,0102,0103; K/A suffixes are ignored); the area field (TBDLMJ, m², the official net area; leave it empty to measure the geometry ellipsoidally on the layer CRS's ellipsoid, or planar). Cells are dissolved from parcels on code prefixes of 6, 9, 12 and 15 characters; a group part of 000 makes the village the bottom cell. Optional official boundaries (e.g. CJDCQ, code field ZLDWDM) replace the dissolved cells and assign parcels by location. An optional roster (CSV or table: unit_code, person, role, phone) gives responsible persons.

Outputs: grid cells with grid_code, level (3–6), parent_code, unit_name, farmland_mu (亩; 1 亩 = 666.67 m²), parcel counts, area_method and persons; and an issues layer listing gaps, overlaps, cells outside their parent, code mismatches, cells without a responsible person, invalid codes and invalid geometries, duplicate parcel identifiers (BSM) and unusable roster phones, each with its area in 亩. Clean input gives an empty issues layer.</source>
        <translation>由地类图斑（DLTB）构建县、乡镇、行政村、村民小组四级网格单元，并检查网格质量。

输入：地类图斑图层；坐落单位代码字段（ZLDWDM，19 位）；地类编码字段（DLBM）及计为耕地的地类（0101,0102,0103；忽略 K/A 后缀）；面积字段（TBDLMJ，平方米，官方图斑地类面积；留空则按图层坐标系椭球计算椭球面积，或按平面计算）。网格按 6、9、12、15 位代码前缀由图斑融合生成；组代码为 000 时行政村即为最底层网格。可选的正式边界（如村级调查区 CJDCQ，代码字段 ZLDWDM）替代融合生成的网格，并按位置归属图斑。可选的责任人名册（CSV 或表：unit_code、person、role、phone）提供各网格责任人。

输出：网格单元，含 grid_code、level（3–6）、parent_code、unit_name、farmland_mu（亩；1 亩 = 666.67 平方米）、图斑数、area_method 和责任人；以及质检问题图层，列出网格缺口、重叠、越出上级网格、代码与边界不符、无责任人、代码无效、几何无效、图斑标识（BSM）重复和名册电话不可用等问题，并给出各问题的面积（亩）。数据无误时问题图层为空。</translation>
    </message>
</context>
<context>
    <name>EvidenceReviewDock</name>
    <message>
        <location filename="../../ui/review_dock.py" line="65"/>
        <source>Evidence review</source>
        <translation>举证审核</translation>
    </message>
    <message>
        <location filename="../../ui/review_dock.py" line="90"/>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage 文件 (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../../ui/review_dock.py" line="91"/>
        <source>Choose the case workspace</source>
        <translation>选择案件工作空间</translation>
    </message>
    <message>
        <location filename="../../ui/review_dock.py" line="93"/>
        <source>Workspace</source>
        <translation>工作空间</translation>
    </message>
    <message>
        <location filename="../../ui/review_dock.py" line="96"/>
        <source>Your name, recorded with every step</source>
        <translation>您的姓名，每一步都会记录</translation>
    </message>
    <message>
        <location filename="../../ui/review_dock.py" line="98"/>
        <source>Reviewer</source>
        <translation>审核人</translation>
    </message>
    <message>
        <location filename="../../ui/review_dock.py" line="103"/>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../ui/review_dock.py" line="107"/>
        <source>Unit code prefix</source>
        <translation>单位代码前缀</translation>
    </message>
    <message>
        <location filename="../../ui/review_dock.py" line="128"/>
        <source>Person</source>
        <translation>责任人</translation>
    </message>
    <message>
        <location filename="../../ui/review_dock.py" line="112"/>
        <source>Overdue only</source>
        <translation>仅显示超期</translation>
    </message>
    <message>
        <location filename="../../ui/review_dock.py" line="113"/>
        <source>Reload</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../ui/review_dock.py" line="114"/>
        <source>Read the cases again from the workspace (others may have changed them)</source>
        <translation>从工作空间重新读取案件（他人可能已修改）</translation>
    </message>
    <message>
        <location filename="../../ui/review_dock.py" line="125"/>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <location filename="../../ui/review_dock.py" line="126"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/review_dock.py" line="127"/>
        <source>Unit code</source>
        <translation>单位代码</translation>
    </message>
    <message>
        <location filename="../../ui/review_dock.py" line="129"/>
        <source>Due date</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <location filename="../../ui/review_dock.py" line="130"/>
        <source>Area (mu)</source>
        <translation>面积（亩）</translation>
    </message>
    <message>
        <location filename="../../ui/review_dock.py" line="133"/>
        <source>Overdue</source>
        <translation>超期</translation>
    </message>
    <message>
        <location filename="../../ui/review_dock.py" line="211"/>
        <source>Cannot open the workspace {path}: {error}</source>
        <translation>无法打开工作空间 {path}：{error}</translation>
    </message>
    <message>
        <location filename="../../ui/review_dock.py" line="240"/>
        <source>Cannot read the cases: {error}</source>
        <translation>无法读取案件：{error}</translation>
    </message>
    <message>
        <location filename="../../ui/review_dock.py" line="270"/>
        <source>{shown} of {total} cases</source>
        <translation>显示 {shown} / 共 {total} 个案件</translation>
    </message>
    <message>
        <location filename="../../ui/review_dock.py" line="323"/>
        <source>Cannot read the case {case_id}: {error}</source>
        <translation>无法读取案件 {case_id}：{error}</translation>
    </message>
    <message>
        <location filename="../../ui/review_dock.py" line="390"/>
        <source>Report the case</source>
        <translation>上报案件</translation>
    </message>
    <message>
        <location filename="../../ui/review_dock.py" line="391"/>
        <source>Verdict:</source>
        <translation>认定结果：</translation>
    </message>
    <message>
        <location filename="../../ui/review_dock.py" line="397"/>
        <source>Reason for the verdict “Other”:</source>
        <translation>认定为“其他”的理由：</translation>
    </message>
    <message>
        <location filename="../../ui/review_dock.py" line="404"/>
        <source>Why is the case sent back?</source>
        <translation>退回理由：</translation>
    </message>
    <message>
        <location filename="../../ui/review_dock.py" line="406"/>
        <source>Rectification plan:</source>
        <translation>整改方案：</translation>
    </message>
    <message>
        <location filename="../../ui/review_dock.py" line="408"/>
        <source>Rectification result:</source>
        <translation>整改结果：</translation>
    </message>
    <message>
        <location filename="../../ui/review_dock.py" line="410"/>
        <source>Why is the case reopened?</source>
        <translation>重新打开的理由：</translation>
    </message>
    <message>
        <location filename="../../ui/review_dock.py" line="411"/>
        <source>Note:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <location filename="../../ui/review_dock.py" line="424"/>
        <source>Enter your name as reviewer first: every step records who took it</source>
        <translation>请先填写审核人姓名：每一步都记录由谁办理</translation>
    </message>
    <message>
        <location filename="../../ui/review_dock.py" line="436"/>
        <source>{action}: case {case_id}</source>
        <translation>{action}：案件 {case_id}</translation>
    </message>
    <message>
        <location filename="../../ui/review_dock.py" line="448"/>
        <source>The workspace could not record the step: {error}</source>
        <translation>工作空间未能记录此操作：{error}</translation>
    </message>
    <message>
        <location filename="../../ui/review_dock.py" line="453"/>
        <source>Case {case_id}: {action} recorded; now {status}</source>
        <translation>案件 {case_id}：已记录{action}，当前状态为{status}</translation>
    </message>
</context>
<context>
    <name>ExportAtlasAlgorithm</name>
    <message>
        <location filename="../../processing/export_atlas.py" line="91"/>
        <source>Export responsibility atlas</source>
        <translation>导出网格责任图集</translation>
    </message>
    <message>
        <location filename="../../processing/export_atlas.py" line="123"/>
        <source>Parcels with space codes</source>
        <translation>带空间码的地块</translation>
    </message>
    <message>
        <location filename="../../processing/export_atlas.py" line="126"/>
        <source>Space code field</source>
        <translation>空间码字段</translation>
    </message>
    <message>
        <location filename="../../processing/export_atlas.py" line="130"/>
        <source>Permanent basic farmland</source>
        <translation>永久基本农田</translation>
    </message>
    <message>
        <location filename="../../processing/export_atlas.py" line="135"/>
        <source>PDF resolution (dpi)</source>
        <translation>PDF 分辨率（dpi）</translation>
    </message>
    <message>
        <location filename="../../processing/export_atlas.py" line="140"/>
        <source>Atlas PDF</source>
        <translation>图集 PDF</translation>
    </message>
    <message>
        <location filename="../../processing/export_atlas.py" line="140"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../processing/export_atlas.py" line="141"/>
        <source>Folder for one PNG image per cell</source>
        <translation>每个网格一张 PNG 图片的输出文件夹</translation>
    </message>
    <message>
        <location filename="../../processing/export_atlas.py" line="146"/>
        <source>Image resolution (dpi)</source>
        <translation>图片分辨率（dpi）</translation>
    </message>
    <message>
        <location filename="../../processing/export_atlas.py" line="151"/>
        <source>Number of pages</source>
        <translation>页数</translation>
    </message>
    <message>
        <location filename="../../processing/export_atlas.py" line="222"/>
        <source>Writing {0} pages to {1}</source>
        <translation>正在将 {0} 页写入 {1}</translation>
    </message>
    <message>
        <location filename="../../processing/export_atlas.py" line="244"/>
        <source>The layer given for {0} could not be opened</source>
        <translation>无法打开为 {0} 指定的图层</translation>
    </message>
    <message>
        <location filename="../../processing/export_atlas.py" line="251"/>
        <source>The layer given for {0} could not be opened: {1}</source>
        <translation>无法打开为 {0} 指定的图层：{1}</translation>
    </message>
    <message>
        <location filename="../../processing/export_atlas.py" line="98"/>
        <source>Exports the grid responsibility atlas (网格责任图): one page per grid cell of the chosen level, with the cell boundary, its parcels labelled with short codes (villager group and serial of the space code; the village code is in the title), permanent basic farmland with a green band, a locator map, the responsible persons with roles and phone numbers, farmland and PBF area against their targets, the cell's QR code (it holds the grid code), north arrow, scale bar, legend and date.

Inputs: the grid cells of delineategrid (grid_code, level, unit_name, parent_code, persons, roles, phones, farmland_mu); the level and, optionally, a grid code prefix to export part of the county (e.g. one township); the parcels with their space codes and land classes; optional PBF polygons; optional areas and targets per unit, i.e. quotaoverlay's unit table run at the same level (unit_code, farmland_mu, farmland_target_mu, farmland_gap_mu, pbf_mu, pbf_target_mu, pbf_gap_mu): areas on the pages are then quotaoverlay's, else the grid's farmland area; the layout template (empty: resources/layouts/responsibility_atlas.qpt of the plugin). A template adapted in the layout designer must keep the map items main_map and locator_map; its labels may use the fields grid_code, level_name, unit_name, parent_name, persons_text, persons, roles, phones, farmland_mu, farmland_target_mu, farmland_gap_mu, pbf_mu, pbf_target_mu, pbf_gap_mu, parcel_count, farmland_count, area_method and qr_path (the QR code SVG; the shipped template shows it with a picture item whose path is data-defined, a core QGIS feature).

Outputs: one multi-page PDF (pages sorted by grid code, text kept as text so it can be searched), the PDF resolution in dpi for raster parts; optionally a folder with one PNG per cell named after its grid code, at the image resolution; the number of pages. Areas are in 亩 (1 亩 = 666.67 m²).</source>
        <translation>导出网格责任图集（网格责任图）：所选层级的每个网格一页，包括网格边界、网格内地块及其短码注记（地块空间码中的村民小组号和顺序号；村级编码见标题）、永久基本农田（绿色边带）、位置示意图、责任人及其职务和电话、耕地和永久基本农田面积与目标对比、网格二维码（内容为网格编码）、指北针、比例尺、图例和制图日期。

输入：划分网格输出的网格单元（grid_code、level、unit_name、parent_code、persons、roles、phones、farmland_mu）；层级，以及可选的网格编码前缀（如只导出一个乡镇）；带空间码和地类的地块；可选的永久基本农田图斑；可选的各单位面积与目标，即在同一层级运行指标套合得到的单位表（unit_code、farmland_mu、farmland_target_mu、farmland_gap_mu、pbf_mu、pbf_target_mu、pbf_gap_mu），提供时图上面积采用指标套合的结果，否则采用网格的耕地面积；布局模板（留空：插件自带的 resources/layouts/responsibility_atlas.qpt）。在布局设计器中修改的模板须保留编号为 main_map 和 locator_map 的地图图元；其标签可以使用字段 grid_code、level_name、unit_name、parent_name、persons_text、persons、roles、phones、farmland_mu、farmland_target_mu、farmland_gap_mu、pbf_mu、pbf_target_mu、pbf_gap_mu、parcel_count、farmland_count、area_method 和 qr_path（二维码 SVG 文件；自带模板用路径由数据定义的图片图元显示，这是 QGIS 核心功能）。

输出：一个多页 PDF（按网格编码排序，文字保留为可检索的文本），PDF 中栅格部分的分辨率（dpi）；可选的图片文件夹，每个网格一张以网格编码命名的 PNG，分辨率可设；页数。面积单位为亩（1 亩 = 666.67 平方米）。</translation>
    </message>
</context>
<context>
    <name>ExportQrCodesAlgorithm</name>
    <message>
        <location filename="../../processing/export_qr_codes.py" line="89"/>
        <source>Export QR codes</source>
        <translation>导出二维码</translation>
    </message>
    <message>
        <location filename="../../processing/export_qr_codes.py" line="113"/>
        <source>Parcels or grid cells</source>
        <translation>图斑或网格</translation>
    </message>
    <message>
        <location filename="../../processing/export_qr_codes.py" line="116"/>
        <source>Code field</source>
        <translation>编码字段</translation>
    </message>
    <message>
        <location filename="../../processing/export_qr_codes.py" line="117"/>
        <source>QR code content (field names in braces)</source>
        <translation>二维码内容（花括号中为字段名）</translation>
    </message>
    <message>
        <location filename="../../processing/export_qr_codes.py" line="122"/>
        <source>Formats</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../../processing/export_qr_codes.py" line="122"/>
        <source>PNG and SVG</source>
        <translation>PNG 和 SVG</translation>
    </message>
    <message>
        <location filename="../../processing/export_qr_codes.py" line="122"/>
        <source>PNG only</source>
        <translation>仅 PNG</translation>
    </message>
    <message>
        <location filename="../../processing/export_qr_codes.py" line="122"/>
        <source>SVG only</source>
        <translation>仅 SVG</translation>
    </message>
    <message>
        <location filename="../../processing/export_qr_codes.py" line="127"/>
        <source>PNG size of a QR module (pixels)</source>
        <translation>PNG 中每个二维码模块的大小（像素）</translation>
    </message>
    <message>
        <location filename="../../processing/export_qr_codes.py" line="137"/>
        <source>Folder for the QR code files</source>
        <translation>二维码文件输出文件夹</translation>
    </message>
    <message>
        <location filename="../../processing/export_qr_codes.py" line="138"/>
        <source>Features with QR code paths</source>
        <translation>带二维码路径的要素</translation>
    </message>
    <message>
        <location filename="../../processing/export_qr_codes.py" line="139"/>
        <source>Number of QR codes written</source>
        <translation>已写出的二维码数</translation>
    </message>
    <message>
        <location filename="../../processing/export_qr_codes.py" line="140"/>
        <source>Number of features without a code</source>
        <translation>无编码的要素数</translation>
    </message>
    <message>
        <location filename="../../processing/export_qr_codes.py" line="145"/>
        <source>The input layer could not be opened</source>
        <translation>无法打开输入图层</translation>
    </message>
    <message>
        <location filename="../../processing/export_qr_codes.py" line="163"/>
        <source>Cannot create the folder {0}: {1}</source>
        <translation>无法创建文件夹 {0}：{1}</translation>
    </message>
    <message>
        <location filename="../../processing/export_qr_codes.py" line="226"/>
        <source>… and {0} more space codes that fail their check</source>
        <translation>……另有 {0} 个地块空间码未通过校验</translation>
    </message>
    <message>
        <location filename="../../processing/export_qr_codes.py" line="229"/>
        <source>{0} features have no code in {1} and were skipped (feature ids: {2})</source>
        <translation>{0} 个要素的 {1} 为空，已跳过（要素号：{2}）</translation>
    </message>
    <message>
        <location filename="../../processing/export_qr_codes.py" line="235"/>
        <source>{0} QR codes written to {1}</source>
        <translation>已将 {0} 个二维码写入 {1}</translation>
    </message>
    <message>
        <location filename="../../processing/export_qr_codes.py" line="243"/>
        <source>The QR code content {0!r} is not a valid template ({1}); write {2} and {3} for literal braces</source>
        <translation>二维码内容 {0!r} 不是有效模板（{1}）；花括号本身请写作 {2} 和 {3}</translation>
    </message>
    <message>
        <location filename="../../processing/export_qr_codes.py" line="251"/>
        <source>The QR code content refers to {0}, which is not a field of layer {1!r}; its fields are: {2}</source>
        <translation>二维码内容引用了 {0}，但图层 {1!r} 没有该字段；其字段有：{2}</translation>
    </message>
    <message>
        <location filename="../../processing/export_qr_codes.py" line="262"/>
        <source>The QR code content {0!r} cannot be filled in for code {1}: {2}</source>
        <translation>无法为编码 {1} 填写二维码内容 {0!r}：{2}</translation>
    </message>
    <message>
        <location filename="../../processing/export_qr_codes.py" line="92"/>
        <source>Writes a QR code for the code of every parcel or grid cell into a folder, for warning posts (二维码警示桩), sign boards and print layouts.

Inputs: a layer with codes (only its selected features if so chosen); the code field (space_code for parcels, grid_code for grid cells); the payload, the text the QR code holds: a template where a field name in braces stands for the feature's value, e.g. {space_code} or https://example.org/parcel/{space_code} (write {{ and }} for literal braces; empty: the code itself); the formats (PNG, SVG or both); the PNG scale in pixels per QR module (a module is one black or white square; a 4-module white margin is added on every side); the output folder.

Files are named after the code, e.g. 130123001001001000017.png and .svg (characters not allowed in file names become _); a code shared by several features is written once. Features without a code are skipped and counted; space codes that fail their check are written anyway, with a warning saying which character is wrong; a code too long for a file name is skipped and named in the log. A link already standing in the folder is replaced, never written through. Error correction is level Q (25 % of the symbol may be damaged), as printed posts get dirty.

Outputs: the features again with the fields qr_png and qr_svg, the absolute paths of their files (empty where none was written), ready for a picture item with a data-defined path in a print layout atlas; the number of QR codes written and of features skipped.</source>
        <translation>为每个图斑或网格的编码生成二维码，写入文件夹，用于二维码警示桩、标识牌和打印布局。

输入：带编码的图层（可仅用选中要素）；编码字段（图斑为 space_code，网格为 grid_code）；二维码内容：一个模板，花括号中的字段名代表要素的值，如 {space_code} 或 https://example.org/parcel/{space_code}（花括号本身写作 {{ 和 }}；留空则为编码本身）；格式（PNG、SVG 或两者）；PNG 中每个二维码模块的像素数（模块即一个黑或白的小方块，四周另加 4 个模块宽的白边）；输出文件夹。

文件以编码命名，如 130123001001001000017.png 和 .svg（文件名中不允许的字符改为 _）；多个要素共用的编码只写一次。无编码的要素跳过并计数；未通过校验的地块空间码照样写出，并警告哪一位有误；编码过长无法作为文件名时跳过并在日志中列出。文件夹中已有的链接会被替换，绝不透过链接写入。纠错等级为 Q（符号可损坏 25%），因为户外警示桩容易脏污。

输出：原要素加上 qr_png 和 qr_svg 字段，即二维码文件的绝对路径（未写出时为空），可在打印布局图集中用于数据定义路径的图片项；以及写出的二维码数和跳过的要素数。</translation>
    </message>
    <message>
        <location filename="../../processing/export_qr_codes.py" line="222"/>
        <source>{0} codes are too long for a file name and got no QR code: {1}</source>
        <translation>{0} 个编码太长，无法作为文件名，未生成二维码：{1}</translation>
    </message>
</context>
<context>
    <name>ExportSignBoardsAlgorithm</name>
    <message>
        <location filename="../../processing/export_sign_boards.py" line="60"/>
        <source>Export sign boards</source>
        <translation>导出标识牌</translation>
    </message>
    <message>
        <location filename="../../processing/export_sign_boards.py" line="67"/>
        <source>Exports farmland protection sign boards (耕地保护标识牌) and QR warning-post plates (二维码警示桩) for the grid cells of a level: the unit, its responsible persons with roles and phone numbers, farmland and PBF area, and the cell's QR code (it holds the grid code).

Inputs: the grid cells of delineategrid; the level and, optionally, a grid code prefix; optional areas per unit (quotaoverlay's unit table at the same level; its farmland_mu and pbf_mu are then printed, else the grid's farmland area); the board template (empty: resources/layouts/sign_board.qpt of the plugin, a 90 × 60 mm plate; the PDF is vector, so a sign shop scales it to any board size). A template adapted in the layout designer may use the same fields as the atlas template (grid_code, unit_name, level_name, persons_text, farmland_mu, pbf_mu, qr_path…); its page size is the board size.

Outputs (give one or both): a folder with one PDF per board, named after the grid code; a PDF of A4 sheets with as many boards as fit on each (10 mm margins, 4 mm apart), for printing plates in the office. On sheets, the labels' expressions and the QR picture's data-defined path are filled in per board; other data-defined settings of a custom template are not. The number of boards and of sheet pages.</source>
        <translation>为某一层级的网格导出耕地保护标识牌和二维码警示桩铭牌：单位、责任人及其职务和电话、耕地和永久基本农田面积，以及网格二维码（内容为网格编码）。

输入：划分网格输出的网格单元；层级，以及可选的网格编码前缀；可选的各单位面积（同层级指标套合的单位表，提供时印制其 farmland_mu 和 pbf_mu，否则印制网格的耕地面积）；标识牌模板（留空：插件自带的 resources/layouts/sign_board.qpt，90 × 60 毫米铭牌；PDF 为矢量格式，制作单位可放大到任意尺寸）。在布局设计器中修改的模板可以使用与图集模板相同的字段（grid_code、unit_name、level_name、persons_text、farmland_mu、pbf_mu、qr_path 等）；模板页面尺寸即标识牌尺寸。

输出（至少选一项）：每块标识牌一个 PDF 的文件夹，以网格编码命名；A4 拼版 PDF，每页排满标识牌（页边距 10 毫米，间距 4 毫米），便于在办公室打印铭牌。拼版时逐块填入标签表达式和二维码图片的数据定义路径；自定义模板中的其他数据定义设置不会填入。标识牌数和拼版页数。</translation>
    </message>
    <message>
        <location filename="../../processing/export_sign_boards.py" line="85"/>
        <source>Folder for one PDF per board</source>
        <translation>每块标识牌一个 PDF 的输出文件夹</translation>
    </message>
    <message>
        <location filename="../../processing/export_sign_boards.py" line="90"/>
        <source>PDF of A4 sheets of boards</source>
        <translation>标识牌 A4 拼版 PDF</translation>
    </message>
    <message>
        <location filename="../../processing/export_sign_boards.py" line="90"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../processing/export_sign_boards.py" line="95"/>
        <source>Number of boards</source>
        <translation>标识牌数</translation>
    </message>
    <message>
        <location filename="../../processing/export_sign_boards.py" line="96"/>
        <source>Number of sheet pages</source>
        <translation>拼版页数</translation>
    </message>
    <message>
        <location filename="../../processing/export_sign_boards.py" line="102"/>
        <source>Choose a folder for one PDF per board, a PDF of sheets, or both</source>
        <translation>请选择每块标识牌一个 PDF 的文件夹、拼版 PDF，或两者都选</translation>
    </message>
    <message>
        <location filename="../../processing/export_sign_boards.py" line="136"/>
        <source>{0} boards written</source>
        <translation>已输出 {0} 块标识牌</translation>
    </message>
    <message>
        <location filename="../../processing/export_sign_boards.py" line="146"/>
        <source>The boards of {0} are {1:g} × {2:g} mm, larger than an A4 sheet with margins; export one PDF per board</source>
        <translation>{0} 的标识牌尺寸为 {1:g} × {2:g} 毫米，超过留边后的 A4 纸；请改为每块标识牌输出一个 PDF</translation>
    </message>
    <message>
        <location filename="../../processing/export_sign_boards.py" line="172"/>
        <source>The layout template {0} holds no layout QGIS can load</source>
        <translation>布局模板 {0} 中没有 QGIS 可以加载的布局</translation>
    </message>
</context>
<context>
    <name>FarmlandGridAlgorithm</name>
    <message>
        <location filename="../../processing/base.py" line="47"/>
        <source>Supervision grid</source>
        <translation>监管网格</translation>
    </message>
    <message>
        <location filename="../../processing/base.py" line="48"/>
        <source>Parcel codes</source>
        <translation>地块编码</translation>
    </message>
    <message>
        <location filename="../../processing/base.py" line="49"/>
        <source>Quotas</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../processing/base.py" line="50"/>
        <source>Patrols</source>
        <translation>巡田</translation>
    </message>
    <message>
        <location filename="../../processing/base.py" line="51"/>
        <source>Evidence and cases</source>
        <translation>举证与案件</translation>
    </message>
    <message>
        <location filename="../../processing/base.py" line="52"/>
        <source>Map production</source>
        <translation>制图输出</translation>
    </message>
    <message>
        <location filename="../../processing/base.py" line="53"/>
        <source>Dashboard</source>
        <translation>驾驶舱</translation>
    </message>
</context>
<context>
    <name>FarmlandGridLayouts</name>
    <message>
        <location filename="../../services/layouts.py" line="98"/>
        <source>Grid cells (delineategrid output)</source>
        <translation>网格单元（划分网格的输出）</translation>
    </message>
    <message>
        <location filename="../../services/layouts.py" line="105"/>
        <source>Grid level</source>
        <translation>网格层级</translation>
    </message>
    <message>
        <location filename="../../services/layouts.py" line="105"/>
        <source>County</source>
        <translation>县/区</translation>
    </message>
    <message>
        <location filename="../../services/layouts.py" line="105"/>
        <source>Township</source>
        <translation>乡镇/街道</translation>
    </message>
    <message>
        <location filename="../../services/layouts.py" line="105"/>
        <source>Village</source>
        <translation>行政村</translation>
    </message>
    <message>
        <location filename="../../services/layouts.py" line="105"/>
        <source>Villager group</source>
        <translation>村民小组</translation>
    </message>
    <message>
        <location filename="../../services/layouts.py" line="118"/>
        <source>Only cells whose grid code starts with</source>
        <translation>仅限网格编码以此开头的网格</translation>
    </message>
    <message>
        <location filename="../../services/layouts.py" line="126"/>
        <source>Areas and targets per unit (quotaoverlay output at the same level)</source>
        <translation>各单位面积与目标（同层级的指标套合输出）</translation>
    </message>
    <message>
        <location filename="../../services/layouts.py" line="135"/>
        <source>Layout template (.qpt; empty: the shipped one)</source>
        <translation>布局模板（.qpt；留空：使用插件自带模板）</translation>
    </message>
    <message>
        <location filename="../../services/layouts.py" line="175"/>
        <source>Cannot read the layout template {0}: {1}</source>
        <translation>无法读取布局模板 {0}：{1}</translation>
    </message>
    <message>
        <location filename="../../services/layouts.py" line="180"/>
        <source>The layout template {0} is not valid XML (line {1}: {2})</source>
        <translation>布局模板 {0} 不是有效的 XML（第 {1} 行：{2}）</translation>
    </message>
    <message>
        <location filename="../../services/layouts.py" line="194"/>
        <source>The layout template {0} holds no layout QGIS can load</source>
        <translation>布局模板 {0} 中没有 QGIS 可以加载的布局</translation>
    </message>
    <message>
        <location filename="../../services/layouts.py" line="154"/>
        <source>The grid layer could not be opened</source>
        <translation>无法打开网格图层</translation>
    </message>
    <message>
        <location filename="../../services/layouts.py" line="242"/>
        <source>{0} cells have no geometry and get no page: {1}</source>
        <translation>{0} 个网格没有几何图形，未生成页面：{1}</translation>
    </message>
    <message>
        <location filename="../../services/layouts.py" line="248"/>
        <source>The grid layer {0} has no cell of level {1} ({2}) whose code starts with {3!r}</source>
        <translation>网格图层 {0} 中没有第 {1} 级（{2}）且编码以 {3!r} 开头的网格</translation>
    </message>
    <message>
        <location filename="../../services/layouts.py" line="256"/>
        <source>Grid cells</source>
        <translation>网格</translation>
    </message>
    <message>
        <location filename="../../services/layouts.py" line="283"/>
        <source>(no responsible person)</source>
        <translation>（未落实责任人）</translation>
    </message>
    <message>
        <location filename="../../services/layouts.py" line="299"/>
        <source>{0} cells have no row in the units table, their targets stay empty: {1}</source>
        <translation>{0} 个网格在单位表中没有对应行，其目标留空：{1}</translation>
    </message>
    <message>
        <location filename="../../services/layouts.py" line="304"/>
        <source>{0} cells of level {1} ({2})</source>
        <translation>第 {1} 级（{2}）网格 {0} 个</translation>
    </message>
    <message>
        <location filename="../../services/layouts.py" line="380"/>
        <source>Cannot write {0}: check that the folder exists and the file is not open</source>
        <translation>无法写入 {0}：请检查文件夹是否存在、文件是否被其他程序打开</translation>
    </message>
    <message>
        <location filename="../../services/layouts.py" line="383"/>
        <source>Not enough memory to export {0}; lower the resolution</source>
        <translation>内存不足，无法导出 {0}；请降低分辨率</translation>
    </message>
    <message>
        <location filename="../../services/layouts.py" line="386"/>
        <source>The printer could not export {0}</source>
        <translation>打印机无法导出 {0}</translation>
    </message>
    <message>
        <location filename="../../services/layouts.py" line="387"/>
        <source>The atlas could not go through its pages for {0}</source>
        <translation>导出 {0} 时图集无法逐页生成</translation>
    </message>
    <message>
        <location filename="../../services/layouts.py" line="391"/>
        <source>Export of {0} failed</source>
        <translation>导出 {0} 失败</translation>
    </message>
    <message>
        <location filename="../../services/layouts.py" line="206"/>
        <source>The template {0} has no {1} item with the id {2}; set this id in the layout designer</source>
        <translation>模板 {0} 中没有编号为 {2} 的 {1} 图元；请在布局设计器中为该图元设置此编号</translation>
    </message>
</context>
<context>
    <name>FarmlandGridPlugin</name>
    <message>
        <location filename="../../plugin.py" line="43"/>
        <source>Farmland Grid Supervision</source>
        <translation>耕地保护网格化监管</translation>
    </message>
    <message>
        <location filename="../../plugin.py" line="43"/>
        <source>Missing Python packages, please install: {0}</source>
        <translation>缺少 Python 包，请安装：{0}</translation>
    </message>
    <message>
        <location filename="../../plugin.py" line="50"/>
        <source>Farmland Grid</source>
        <translation>耕地保护网格</translation>
    </message>
    <message>
        <location filename="../../plugin.py" line="52"/>
        <source>Delineate supervision grid…</source>
        <translation>划分监管网格……</translation>
    </message>
    <message>
        <location filename="../../plugin.py" line="126"/>
        <source>&amp;Farmland Grid</source>
        <translation>耕地保护网格(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../plugin.py" line="53"/>
        <source>Assign parcel space codes…</source>
        <translation>地块赋码……</translation>
    </message>
    <message>
        <location filename="../../plugin.py" line="54"/>
        <source>Export QR codes…</source>
        <translation>导出二维码……</translation>
    </message>
    <message>
        <location filename="../../plugin.py" line="55"/>
        <source>Quota overlay…</source>
        <translation>指标核算……</translation>
    </message>
    <message>
        <location filename="../../plugin.py" line="56"/>
        <source>Decompose targets…</source>
        <translation>目标任务分解……</translation>
    </message>
    <message>
        <location filename="../../plugin.py" line="57"/>
        <source>Patrol coverage and ledger…</source>
        <translation>巡田覆盖与巡查台账…</translation>
    </message>
    <message>
        <location filename="../../plugin.py" line="59"/>
        <source>Import evidence photos…</source>
        <translation>导入举证照片…</translation>
    </message>
    <message>
        <location filename="../../plugin.py" line="58"/>
        <source>Issue cases…</source>
        <translation>下发案件…</translation>
    </message>
    <message>
        <location filename="../../plugin.py" line="62"/>
        <source>Evidence review (举证审核)…</source>
        <translation>举证审核…</translation>
    </message>
    <message>
        <location filename="../../plugin.py" line="60"/>
        <source>Export responsibility atlas…</source>
        <translation>导出网格责任图集…</translation>
    </message>
    <message>
        <location filename="../../plugin.py" line="61"/>
        <source>Export sign boards…</source>
        <translation>导出标识牌…</translation>
    </message>
    <message>
        <location filename="../../plugin.py" line="67"/>
        <source>Dashboard (驾驶舱)…</source>
        <translation>耕地保护驾驶舱…</translation>
    </message>
</context>
<context>
    <name>FarmlandGridProvider</name>
    <message>
        <location filename="../../processing/provider.py" line="29"/>
        <source>Farmland grid supervision</source>
        <translation>耕地保护网格化监管</translation>
    </message>
    <message>
        <location filename="../../processing/provider.py" line="19"/>
        <source>Farmland grid supervision loads no algorithm. Missing Python packages, please install: {0}</source>
        <translation>耕地保护网格化监管未加载任何算法。缺少 Python 包，请安装：{0}</translation>
    </message>
</context>
<context>
    <name>FarmlandPerUnit</name>
    <message>
        <location filename="../../services/farmland.py" line="63"/>
        <source>Reading parcels…</source>
        <translation>正在读取图斑……</translation>
    </message>
    <message>
        <location filename="../../services/farmland.py" line="70"/>
        <source>{0} farmland parcels have no valid location code and are not counted in any unit</source>
        <translation>{0} 个耕地图斑没有有效的坐落单位代码，未计入任何单位</translation>
    </message>
    <message>
        <location filename="../../services/farmland.py" line="78"/>
        <source>{0} farmland parcels have no usable {1}; their ellipsoidal area is used</source>
        <translation>{0} 个耕地图斑的 {1} 不可用，改用椭球面积</translation>
    </message>
</context>
<context>
    <name>ImportEvidenceAlgorithm</name>
    <message>
        <location filename="../../processing/import_evidence.py" line="126"/>
        <source>Import evidence photos</source>
        <translation>导入举证照片</translation>
    </message>
    <message>
        <location filename="../../processing/import_evidence.py" line="152"/>
        <source>Folder of photos</source>
        <translation>照片文件夹</translation>
    </message>
    <message>
        <location filename="../../processing/import_evidence.py" line="155"/>
        <source>Datum of the photo coordinates</source>
        <translation>照片坐标基准</translation>
    </message>
    <message>
        <location filename="../../processing/import_evidence.py" line="155"/>
        <source>WGS 84 (cameras, most phones)</source>
        <translation>WGS 84（相机及大多数手机）</translation>
    </message>
    <message>
        <location filename="../../processing/import_evidence.py" line="155"/>
        <source>GCJ-02 (offset coordinates of some apps in China)</source>
        <translation>GCJ-02（国内部分应用的偏移坐标）</translation>
    </message>
    <message>
        <location filename="../../processing/import_evidence.py" line="163"/>
        <source>Cases or change patches</source>
        <translation>案件或变化图斑</translation>
    </message>
    <message>
        <location filename="../../processing/import_evidence.py" line="168"/>
        <source>Case id field</source>
        <translation>案件编号字段</translation>
    </message>
    <message>
        <location filename="../../processing/import_evidence.py" line="169"/>
        <source>Largest distance from a photo to its case (m)</source>
        <translation>照片到所属案件的最大距离（米）</translation>
    </message>
    <message>
        <location filename="../../processing/import_evidence.py" line="178"/>
        <source>Parcels</source>
        <translation>地块</translation>
    </message>
    <message>
        <location filename="../../processing/import_evidence.py" line="181"/>
        <source>Parcel space code field</source>
        <translation>地块空间码字段</translation>
    </message>
    <message>
        <location filename="../../processing/import_evidence.py" line="186"/>
        <source>Output CRS (empty: that of the cases, else of the parcels, else EPSG:4490)</source>
        <translation>输出坐标系（空：取案件的，其次取地块的，否则为 EPSG:4490）</translation>
    </message>
    <message>
        <location filename="../../processing/import_evidence.py" line="200"/>
        <source>Evidence photos</source>
        <translation>举证照片</translation>
    </message>
    <message>
        <location filename="../../processing/import_evidence.py" line="201"/>
        <source>Rejected files</source>
        <translation>拒收的文件</translation>
    </message>
    <message>
        <location filename="../../processing/import_evidence.py" line="206"/>
        <source>Number of photos imported</source>
        <translation>导入照片数</translation>
    </message>
    <message>
        <location filename="../../processing/import_evidence.py" line="207"/>
        <source>Number of files rejected</source>
        <translation>拒收文件数</translation>
    </message>
    <message>
        <location filename="../../processing/import_evidence.py" line="212"/>
        <source>The photo folder {0} does not exist or is not a folder</source>
        <translation>照片文件夹 {0} 不存在或不是文件夹</translation>
    </message>
    <message>
        <location filename="../../processing/import_evidence.py" line="224"/>
        <source>The parcels have no field {0}; space_code stays empty and only parcel_fid is filled</source>
        <translation>地块没有字段 {0}；space_code 留空，仅填写 parcel_fid</translation>
    </message>
    <message>
        <location filename="../../processing/import_evidence.py" line="251"/>
        <source>No JPEG or HEIC/HEIF photos in {0}</source>
        <translation>{0} 中没有 JPEG 或 HEIC/HEIF 照片</translation>
    </message>
    <message>
        <location filename="../../processing/import_evidence.py" line="252"/>
        <source>Reading {0} photos…</source>
        <translation>正在读取 {0} 张照片……</translation>
    </message>
    <message>
        <location filename="../../processing/import_evidence.py" line="261"/>
        <source>Coordinates converted from GCJ-02 to WGS 84</source>
        <translation>坐标已由 GCJ-02 转换为 WGS 84</translation>
    </message>
    <message>
        <location filename="../../processing/import_evidence.py" line="266"/>
        <source>{0}: its position (latitude {1:.6f}, longitude {2:.6f}) cannot be expressed in {3}</source>
        <translation>{0}：其位置（纬度 {1:.6f}，经度 {2:.6f}）无法用 {3} 表示</translation>
    </message>
    <message>
        <location filename="../../processing/import_evidence.py" line="302"/>
        <source>Matching photos to cases…</source>
        <translation>正在将照片匹配到案件……</translation>
    </message>
    <message>
        <location filename="../../processing/import_evidence.py" line="305"/>
        <source>Matching photos to parcels…</source>
        <translation>正在将照片匹配到地块……</translation>
    </message>
    <message>
        <location filename="../../processing/import_evidence.py" line="424"/>
        <source>{0} photos imported, {1} files rejected</source>
        <translation>导入照片 {0} 张，拒收文件 {1} 个</translation>
    </message>
    <message>
        <location filename="../../processing/import_evidence.py" line="426"/>
        <source>Rejected as {0}: {1}</source>
        <translation>拒收（{0}）：{1}</translation>
    </message>
    <message>
        <location filename="../../processing/import_evidence.py" line="430"/>
        <source>… and {0} more rejected files, listed in the rejected files table</source>
        <translation>……另有 {0} 个拒收文件，见拒收文件表</translation>
    </message>
    <message>
        <location filename="../../processing/import_evidence.py" line="129"/>
        <source>Turns geotagged field photos (举证照片) into evidence points, matched to the cases (change patches) and parcels they show, with a table of the files that could not be used and why.

Inputs: a folder, searched with its subfolders for JPEG and HEIC/HEIF photos (.jpg, .jpeg, .heic, .heif); the datum of the photo coordinates: WGS 84 (cameras and most phones) or GCJ-02 (some phone apps in China write the offset map coordinates; they are converted back to WGS 84, which moves them by a few hundred metres); optional case polygons with their id field (case_id): a photo belongs to the case whose polygon contains it, else to the nearest case within the maximum distance (metres, default 50); optional parcels, whose space_code (where the field exists) and feature id are copied to the photos lying in them; the output CRS (default: that of the cases, else of the parcels, else CGCS2000 EPSG:4490).

Outputs: one point per usable photo with its path, file name, time taken as the camera clock showed it (taken) and in UTC (taken_utc, where the photo records its time zone or a GPS time), longitude and latitude in WGS 84 (degrees), x and y in the output CRS, altitude (m above sea level), direction of view (degrees clockwise from north; direction_ref T true or M magnetic north), device, EXIF orientation, case_id and case_distance_m (0 inside the case), space_code and parcel_fid. The rejected files table gives for every other file the reason code (unsupported_format, corrupt_file, unreadable_file, no_exif, unreadable_exif, no_gps, outside_crs) and a message; a bad file never stops the others. With a workspace GeoPackage (from issuecases) and the name of who adds them, the photos matched to a case are attached to it as evidence, for the review dock.</source>
        <translation>将带地理标记的外业照片（举证照片）转为举证点，匹配到照片所示的案件（变化图斑）和地块，并列出无法使用的文件及原因。

输入：文件夹（含子文件夹）中的 JPEG 和 HEIC/HEIF 照片（.jpg、.jpeg、.heic、.heif）；照片坐标基准：WGS 84（相机及大多数手机）或 GCJ-02（国内部分手机应用写入偏移后的地图坐标，将转换回 WGS 84，位置移动数百米）；可选的案件多边形及其编号字段（case_id）：照片归属包含它的案件，否则归属最大距离（米，默认 50）内最近的案件；可选的地块，其 space_code（字段存在时）和要素号复制到位于其中的照片；输出坐标系（默认取案件的，其次取地块的，否则为 CGCS2000 EPSG:4490）。

输出：每张可用照片一个点，含路径、文件名、相机时钟显示的拍摄时间（taken）及 UTC 时间（taken_utc，照片记录了时区或 GPS 时间时）、WGS 84 经纬度（度）、输出坐标系中的 x 和 y、海拔（米）、拍摄方向（自正北顺时针的度数；direction_ref 为 T 真北或 M 磁北）、设备、EXIF 方向、case_id 和 case_distance_m（在案件内为 0）、space_code 和 parcel_fid。拒收文件表列出其余每个文件的原因代码（unsupported_format、corrupt_file、unreadable_file、no_exif、unreadable_exif、no_gps、outside_crs）及说明；单个坏文件不会影响其他文件。提供工作空间 GeoPackage（下发案件的输出）和添加人时，匹配到案件的照片将作为其举证材料添加到案件中，供举证审核面板使用。</translation>
    </message>
    <message>
        <location filename="../../processing/import_evidence.py" line="191"/>
        <source>Workspace GeoPackage whose cases get the matched photos as evidence (optional)</source>
        <translation>工作空间 GeoPackage，匹配到的照片作为其案件的举证材料（可选）</translation>
    </message>
    <message>
        <location filename="../../processing/import_evidence.py" line="199"/>
        <source>Added by (for the audit trail)</source>
        <translation>添加人（记入审计记录）</translation>
    </message>
    <message>
        <location filename="../../processing/import_evidence.py" line="216"/>
        <source>Say who adds the evidence (“Added by”): every step of a case records who took it</source>
        <translation>请填写添加人（“添加人”）：案件的每一步都记录由谁办理</translation>
    </message>
    <message>
        <location filename="../../processing/import_evidence.py" line="329"/>
        <source>{0} photos added as evidence to {1} cases in {2}</source>
        <translation>已将 {0} 张照片作为举证材料添加到 {2} 中的 {1} 个案件</translation>
    </message>
</context>
<context>
    <name>IssueCasesAlgorithm</name>
    <message>
        <location filename="../../processing/issue_cases.py" line="118"/>
        <source>Issue cases</source>
        <translation>下发案件</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="121"/>
        <source>Issues one case per change patch (下发) to the responsible person of its grid cell, into the case store of a workspace GeoPackage, where evidence, review and closing follow.

Inputs: the change patches, normally the classified patches of quotaoverlay (with a GRID, so that persons are filled); the patch id field (required; the case id is the optional prefix followed by the patch id); the villager group code field, falling back to the village code field where the group code is empty or ends in 000; the responsible persons and phones; the accountable flag; the farmland and PBF occupied (亩). Fields left at their default names may be missing: they are then not used and the log says so; without the accountable field, patches occupying at least 5 亩 of PBF or 10 亩 of farmland are accountable. With “only patches occupying farmland or PBF” (the default), patches with neither are not issued. The workspace is created if it does not exist; the case geometries are reprojected to its CRS. The issue date (default today) plus the days allowed (30, 15 for accountable patches) gives the due date. The actor (who issues) and the note (the monitoring batch, say) go into each case's issue event, its first entry in the audit trail.

Output: one row per patch with its case id, unit code, person, phone, status, issue and due dates, accountable flag, area_mu (ellipsoidal area of the patch in 亩, area_method says how), farmland_mu and pbf_mu, issued (true when issued in this run) and for the others the skipped_reason (already_issued, no_farmland, no_patch_id, empty_geometry, duplicate_patch_id) with a message. Running again never duplicates a case: patches whose case exists are reported as already_issued, with the case as stored. All cases of a run are written in one transaction: a run that fails, or is cancelled before it writes, leaves the workspace untouched.</source>
        <translation>为每个变化图斑向其所在网格的责任人下发一个案件，写入工作空间 GeoPackage 的案件库，之后在其中举证、审核和结案。

输入：变化图斑，通常为指标核算输出的已分类图斑（提供网格时会填写责任人）；图斑编号字段（必填；案件编号为可选前缀加图斑编号）；村民小组代码字段，小组代码为空或以 000 结尾时改用行政村代码字段；责任人和电话；是否问责；占用耕地和永久基本农田面积（亩）。保持默认名称的字段可以不存在，此时不使用并在日志中说明；没有问责字段时，占用永久基本农田不少于 5 亩或耕地不少于 10 亩的图斑为问责图斑。勾选“仅下发占用耕地或永久基本农田的图斑”（默认）时，两者都不占用的图斑不下发。工作空间不存在时自动创建；案件几何转换到其坐标系。下发日期（默认今天）加上办理期限（30 天，问责图斑 15 天）即为截止日期。下发人和备注（如监测批次）记入每个案件的下发事件，即审计记录的第一条。

输出：每个图斑一行，含案件编号、单位代码、责任人、电话、状态、下发日期和截止日期、是否问责、area_mu（图斑椭球面积，亩；area_method 说明计算方法）、farmland_mu 和 pbf_mu、issued（本次下发为真），其余图斑给出 skipped_reason（already_issued、no_farmland、no_patch_id、empty_geometry、duplicate_patch_id）及说明。重复运行不会重复下发：已有案件的图斑报告为 already_issued，并显示已存案件的信息。一次运行的全部案件在一个事务中写入：运行失败或在写入前取消时，工作空间保持不变。</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="145"/>
        <source>Change patches</source>
        <translation>变化图斑</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="150"/>
        <source>Patch id field</source>
        <translation>图斑编号字段</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="154"/>
        <source>Villager group code field</source>
        <translation>村民小组代码字段</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="154"/>
        <source>Village code field (where there is no group)</source>
        <translation>行政村代码字段（无小组时）</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="154"/>
        <source>Responsible person field</source>
        <translation>责任人字段</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="154"/>
        <source>Phone field</source>
        <translation>电话字段</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="154"/>
        <source>Accountable field</source>
        <translation>是否问责字段</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="154"/>
        <source>Farmland occupied field (亩)</source>
        <translation>占用耕地字段（亩）</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="154"/>
        <source>PBF occupied field (亩)</source>
        <translation>占用永久基本农田字段（亩）</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="164"/>
        <source>Only patches occupying farmland or PBF</source>
        <translation>仅下发占用耕地或永久基本农田的图斑</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="165"/>
        <source>Workspace GeoPackage with the cases (created if missing)</source>
        <translation>存放案件的工作空间 GeoPackage（不存在时创建）</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="173"/>
        <source>Case id prefix (such as the monitoring batch)</source>
        <translation>案件编号前缀（如监测批次）</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="176"/>
        <source>Issue date (empty: today)</source>
        <translation>下发日期（空：今天）</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="181"/>
        <source>Days allowed to settle a case</source>
        <translation>案件办理期限（天）</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="181"/>
        <source>Days allowed for accountable patches</source>
        <translation>问责图斑办理期限（天）</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="188"/>
        <source>Issued by (name or office, for the audit trail)</source>
        <translation>下发人（姓名或单位，记入审计记录）</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="189"/>
        <source>Note for the issue event</source>
        <translation>下发备注</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="190"/>
        <source>Issued cases</source>
        <translation>已下发案件</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="191"/>
        <source>Cases issued</source>
        <translation>下发案件数</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="191"/>
        <source>Patches not issued</source>
        <translation>未下发图斑数</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="191"/>
        <source>Patches already issued</source>
        <translation>此前已下发图斑数</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="191"/>
        <source>Patches rejected</source>
        <translation>拒收图斑数</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="205"/>
        <source>Say who issues the cases (“Issued by”): every step of a case records who took it</source>
        <translation>请填写下发人（“下发人”）：案件的每一步都记录由谁办理</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="210"/>
        <source>The change patch layer could not be opened</source>
        <translation>无法打开变化图斑图层</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="216"/>
        <source>Choose the workspace GeoPackage the cases go into</source>
        <translation>请选择存放案件的工作空间 GeoPackage</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="221"/>
        <source>Issuing only patches that occupy farmland or PBF needs the farmland or the PBF occupied field; name one of them, or turn off “Only patches occupying farmland or PBF”</source>
        <translation>仅下发占用耕地或永久基本农田的图斑，需要占用耕地或占用永久基本农田字段：请指定其一，或取消勾选“仅下发占用耕地或永久基本农田的图斑”</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="252"/>
        <source>Reading change patches…</source>
        <translation>正在读取变化图斑……</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="263"/>
        <source>Issuing {0} cases into {1}…</source>
        <translation>正在向 {1} 下发 {0} 个案件……</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="305"/>
        <source>The change patches have no field {0} ({1}); it is not used</source>
        <translation>变化图斑没有字段 {0}（{1}），不使用该字段</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="318"/>
        <source>{0} patches have invalid geometries; they were repaired</source>
        <translation>{0} 个图斑几何无效，已修复</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="321"/>
        <source>Where the accountable flag is empty, patches with at least 5 亩 of PBF or 10 亩 of farmland are accountable</source>
        <translation>是否问责为空时，占用永久基本农田不少于 5 亩或耕地不少于 10 亩的图斑为问责图斑</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="368"/>
        <source>Issued without a responsible person</source>
        <translation>下发时无责任人</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="372"/>
        <source>Already issued on {0}; status: {1}</source>
        <translation>已于 {0} 下发；状态：{1}</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="374"/>
        <source>Occupies neither farmland nor PBF; not issued</source>
        <translation>未占用耕地和永久基本农田，不下发</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="376"/>
        <source>The patch has no id; not issued</source>
        <translation>图斑没有编号，不下发</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="378"/>
        <source>The patch has no geometry; not issued</source>
        <translation>图斑没有几何，不下发</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="379"/>
        <source>The patch id {0} occurs more than once; only its first patch is issued</source>
        <translation>图斑编号 {0} 出现多次，只下发第一个</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="384"/>
        <source>Feature {0}: {1}</source>
        <translation>要素 {0}：{1}</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="386"/>
        <source>… and {0} more patches that cannot be issued</source>
        <translation>……另有 {0} 个无法下发的图斑</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="389"/>
        <source>{0} cases were issued without a responsible person</source>
        <translation>{0} 个案件下发时没有责任人</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="392"/>
        <source>{0} cases were issued without a usable unit code</source>
        <translation>{0} 个案件下发时没有可用的单位代码</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="393"/>
        <source>{0} cases issued into {1}; {2} patches already issued, {3} occupying neither farmland nor PBF, {4} rejected (no patch id, no geometry or a repeated patch id)</source>
        <translation>已向 {1} 下发 {0} 个案件；{2} 个图斑此前已下发，{3} 个未占用耕地和永久基本农田，{4} 个被拒收（无图斑编号、无几何或图斑编号重复）</translation>
    </message>
</context>
<context>
    <name>PatrolCoverageAlgorithm</name>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="93"/>
        <source>Patrol coverage and ledger</source>
        <translation>巡田覆盖与巡查台账</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="113"/>
        <source>Patrol tracks (points or lines)</source>
        <translation>巡查轨迹（点或线）</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="133"/>
        <source>Track id field (points)</source>
        <translation>轨迹编号字段（点）</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="133"/>
        <source>Time field (points) or start time field (lines)</source>
        <translation>时间字段（点）或开始时间字段（线）</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="133"/>
        <source>End time field (lines)</source>
        <translation>结束时间字段（线）</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="133"/>
        <source>Patroller field</source>
        <translation>巡查人字段</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="117"/>
        <source>Folder of GPX files</source>
        <translation>GPX 文件夹</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="141"/>
        <source>GPX element naming the patroller</source>
        <translation>记录巡查人的 GPX 元素</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="140"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="143"/>
        <source>Coordinates of the tracks</source>
        <translation>轨迹坐标</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="142"/>
        <source>As the layer CRS says (GPX: WGS 84)</source>
        <translation>按图层坐标系（GPX 为 WGS 84）</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="142"/>
        <source>GCJ-02 (phone apps in China)</source>
        <translation>GCJ-02（国内手机应用）</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="119"/>
        <source>Grid cells (from delineategrid)</source>
        <translation>网格（网格划分的输出）</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="120"/>
        <source>Parcels (DLTB)</source>
        <translation>地类图斑（DLTB）</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="147"/>
        <source>Space code field</source>
        <translation>空间码字段</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="121"/>
        <source>Start date (empty: first track)</source>
        <translation>开始日期（空：最早轨迹）</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="121"/>
        <source>End date (empty: today)</source>
        <translation>结束日期（空：今天）</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="148"/>
        <source>Time zone of the periods</source>
        <translation>周期所用时区</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="151"/>
        <source>Distance seen from the path (m)</source>
        <translation>路径两侧可视距离（米）</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="151"/>
        <source>Share of a cell's farmland parcels a patrol must pass (0–1)</source>
        <translation>一次巡查须经过的网格耕地图斑比例（0–1）</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="151"/>
        <source>Maximum plausible speed (km/h)</source>
        <translation>最大合理速度（公里/小时）</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="151"/>
        <source>Longest gap between points walked through (minutes)</source>
        <translation>视为连续行走的最长点间隔（分钟）</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="159"/>
        <source>Not required</source>
        <translation>不要求</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="159"/>
        <source>Weekly</source>
        <translation>每周</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="159"/>
        <source>Monthly</source>
        <translation>每月</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="159"/>
        <source>Quarterly</source>
        <translation>每季度</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="160"/>
        <source>Half-yearly</source>
        <translation>每半年</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="160"/>
        <source>Yearly</source>
        <translation>每年</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="162"/>
        <source>Patrol frequency: province</source>
        <translation>巡查频次：省级</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="163"/>
        <source>Patrol frequency: city</source>
        <translation>巡查频次：市级</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="164"/>
        <source>Patrol frequency: county</source>
        <translation>巡查频次：县级</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="165"/>
        <source>Patrol frequency: township</source>
        <translation>巡查频次：乡镇级</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="166"/>
        <source>Patrol frequency: village</source>
        <translation>巡查频次：村级</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="167"/>
        <source>Patrol frequency: villager group</source>
        <translation>巡查频次：村民小组</translation>
    </message>
    <message>
        <location filename="../../services/patrol_outputs.py" line="34"/>
        <source>Patrol periods</source>
        <translation>巡查周期</translation>
    </message>
    <message>
        <location filename="../../services/patrol_outputs.py" line="34"/>
        <source>Patrol compliance per cell</source>
        <translation>网格巡田情况</translation>
    </message>
    <message>
        <location filename="../../services/patrol_outputs.py" line="34"/>
        <source>Parcel visits</source>
        <translation>图斑巡查记录</translation>
    </message>
    <message>
        <location filename="../../services/patrol_outputs.py" line="34"/>
        <source>Patrol tracks (cleaned)</source>
        <translation>巡查轨迹（已清理）</translation>
    </message>
    <message>
        <location filename="../../services/patrol_outputs.py" line="34"/>
        <source>Track points for replay</source>
        <translation>轨迹回放点</translation>
    </message>
    <message>
        <location filename="../../services/patrol_outputs.py" line="34"/>
        <source>Township monthly patrol rate</source>
        <translation>乡镇月度巡田率</translation>
    </message>
    <message>
        <location filename="../../services/patrol_outputs.py" line="34"/>
        <source>Rejected tracks and files</source>
        <translation>拒收的轨迹和文件</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="177"/>
        <source>Patrol ledger</source>
        <translation>巡查台账</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="176"/>
        <source>Excel workbook (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="282"/>
        <source>Locating {0} farmland parcels in {1} grid cells…</source>
        <translation>正在将 {0} 个耕地图斑定位到 {1} 个网格……</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="287"/>
        <source>{0} farmland parcels lie in no grid cell; they count for no cell</source>
        <translation>{0} 个耕地图斑不在任何网格内，不计入任何网格</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="304"/>
        <source>Finding the parcels each of {0} patrols passed…</source>
        <translation>正在查找 {0} 次巡查各自经过的图斑……</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="217"/>
        <source>The parcels have no land class field: every parcel is taken as farmland</source>
        <translation>图斑没有地类字段：全部图斑按耕地处理</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="347"/>
        <source>No track has a usable time and no start date is given: nothing to check</source>
        <translation>没有带可用时间的轨迹，也未给出开始日期：无可检查内容</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="352"/>
        <source>The end date {0} is before the start date {1}</source>
        <translation>结束日期 {0} 早于开始日期 {1}</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="225"/>
        <source>Give patrol tracks: a track layer (TRACKS), a folder of GPX files (TRACK_FOLDER) or both</source>
        <translation>请提供巡查轨迹：轨迹图层（TRACKS）、GPX 文件夹（TRACK_FOLDER）或两者</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="337"/>
        <source>{0} times had no time zone; they were read as local time ({1})</source>
        <translation>{0} 个时间没有时区，已按当地时间（{1}）读取</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="227"/>
        <source>The GPX folder {0} does not exist</source>
        <translation>GPX 文件夹 {0} 不存在</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="332"/>
        <source>No .gpx files in {0}</source>
        <translation>{0} 中没有 .gpx 文件</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="357"/>
        <source>No point of this track has a time; it cannot be placed in a period</source>
        <translation>该轨迹的点都没有时间，无法归入周期</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="358"/>
        <source>Fewer than two usable points after the cleaning rules</source>
        <translation>按清理规则处理后可用点少于两个</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="359"/>
        <source>The track starts outside {0} – {1}</source>
        <translation>轨迹开始时间不在 {0} – {1} 之内</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="360"/>
        <source>The track passes no farmland parcel of the grid</source>
        <translation>轨迹未经过网格内任何耕地图斑</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="366"/>
        <source>Tracks: {0} read, {1} used as patrols between {2} and {3}</source>
        <translation>轨迹：读取 {0} 条，{2} 至 {3} 期间有 {1} 条作为巡查</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="368"/>
        <source>Track points: {0} without time, {1} with an unreadable time, {2} out of order (sorted), {3} duplicates dropped, {4} GPS jumps dropped, {5} breaks in paths; {6} tracks with fewer than two usable points</source>
        <translation>轨迹点：{0} 个无时间，{1} 个时间无法识别，{2} 个顺序错乱（已排序），舍弃重复点 {3} 个、GPS 漂移点 {4} 个，路径断开 {5} 处；{6} 条轨迹可用点少于两个</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="386"/>
        <source>Not used: {0}</source>
        <translation>未使用：{0}</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="388"/>
        <source>Periods: {0} completed, {1} pending, {2} overdue</source>
        <translation>周期：已完成 {0} 个，未完成 {1} 个，已过期 {2} 个</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="150"/>
        <source>Times without a time zone are</source>
        <translation>不带时区的时间按</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="149"/>
        <source>Local time in the time zone above</source>
        <translation>上述时区的当地时间</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="149"/>
        <source>UTC (e.g. GeoPackages written by QGIS 3.22)</source>
        <translation>UTC（如 QGIS 3.22 写出的 GeoPackage）</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="335"/>
        <source>{0} times had no time zone; they were read as UTC</source>
        <translation>{0} 个时间没有时区，已按 UTC 读取</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="96"/>
        <source>Says per grid cell and required period whether the cell was patrolled (巡田), which farmland parcels nobody walked past, and who is behind.

Give the patrol tracks (a point layer from a patrol app with track_id, time and patroller fields, a line layer with one line per patrol and its start and end time, and/or a folder of GPX files, the patroller taken from the &amp;lt;desc&amp;gt; of each &amp;lt;trk&amp;gt;), the grid from delineategrid, the parcels (DLTB) and the days to check (default: from the first track's day to today).

Out come the periods (completed; pending while still open at the end date; overdue), the compliance per cell, the parcel visits, the cleaned tracks and points for replay, the township monthly patrol rate (巡田率), the rejected tracks and files with the reason, and the patrol ledger (巡查台账) as XLSX or CSV.

Example: a folder with a week's GPX files, start 2026-01-05, end 2026-01-11: each villager group that a track passed with at least half of its farmland parcels within 30 m is completed for that week. How often each level is due, the distances and the cleaning rules are under Advanced parameters.</source>
        <translation>按网格和应巡周期判断是否已巡田，找出无人巡到的耕地图斑，以及谁没有按要求巡查。

需提供巡查轨迹（巡查应用的点图层，含 track_id、time 和 patroller 字段；线图层，每次巡查一条线，含开始和结束时间；和/或 GPX 文件夹，巡查人取自每个 &amp;lt;trk&amp;gt; 的 &amp;lt;desc&amp;gt;）、网格划分输出的网格、地类图斑（DLTB）以及检查的日期范围（默认：从最早轨迹的日期到今天）。

输出：周期表（已完成；在结束日期尚未结束的为未完成；其余为已过期）、网格巡田情况、图斑巡查记录、可回放的已清理轨迹和轨迹点、乡镇月度巡田率、拒收的轨迹和文件及原因，以及巡查台账（XLSX 或 CSV）。

示例：一个包含一周 GPX 文件的文件夹，开始日期 2026-01-05，结束日期 2026-01-11：有一条轨迹在 30 米以内经过其至少一半耕地图斑的村民小组，该周即为已完成。各层级的巡查频次、距离和清理规则在“高级参数”中设置。</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="181"/>
        <source>How often a cell of this level must be patrolled; default: group weekly, village monthly, township quarterly, county and above half-yearly.</source>
        <translation>该层级网格须巡查的频次；默认：村民小组每周，行政村每月，乡镇每季度，县及以上每半年。</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="186"/>
        <source>Points with the same value form one track, one patrol.</source>
        <translation>该字段值相同的点构成一条轨迹，即一次巡查。</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="187"/>
        <source>Date and time of each point, or the start of each line; ISO 8601 text is read too.</source>
        <translation>每个点的日期时间，或每条线的开始时间；也可读取 ISO 8601 格式的文本。</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="188"/>
        <source>The times of a line&apos;s vertices are spread along it between start and end.</source>
        <translation>线上各节点的时间按沿线距离在开始与结束时间之间分配。</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="189"/>
        <source>Who walked the track, shown in the periods and the ledger.</source>
        <translation>走这条轨迹的巡查人，显示在周期表和巡查台账中。</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="190"/>
        <source>The element of each GPX &amp;lt;trk&amp;gt; that holds the patroller&apos;s name.</source>
        <translation>GPX 中每个 &amp;lt;trk&amp;gt; 记录巡查人姓名的元素。</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="191"/>
        <source>GCJ-02 coordinates of phone apps are taken back to WGS 84 first.</source>
        <translation>手机应用的 GCJ-02 坐标先转换回 WGS 84。</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="192"/>
        <source>Without this field every parcel is taken as farmland.</source>
        <translation>图斑没有该字段时，全部图斑按耕地处理。</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="193"/>
        <source>Copied to the parcel visits, e.g. the code from assignspacecodes.</source>
        <translation>写入图斑巡查记录，例如地块赋码（一地一码）输出的空间码。</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="194"/>
        <source>An IANA name such as Asia/Shanghai: the periods are its local weeks (Monday–Sunday), months and years.</source>
        <translation>IANA 时区名，如 Asia/Shanghai：周期按该时区的当地周（周一至周日）、月和年划分。</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="197"/>
        <source>GPX times are UTC; phone apps write local time without a zone, QGIS 3.22 writes UTC without one.</source>
        <translation>GPX 时间为 UTC；手机应用写入不带时区的当地时间，QGIS 3.22 写入不带时区的 UTC 时间。</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="200"/>
        <source>A patrol passes a parcel when its path comes this close to it.</source>
        <translation>路径距图斑不超过此距离即视为经过该图斑。</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="201"/>
        <source>A track passing fewer of a cell&apos;s farmland parcels is no patrol of that cell.</source>
        <translation>经过的网格耕地图斑比例低于此值的轨迹，不计为该网格的巡查。</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="202"/>
        <source>A point reached and left faster is a GPS jump; where the speed stays higher the path breaks.</source>
        <translation>以超过此速度到达并离开的点为 GPS 漂移点，予以舍弃；速度持续超过此值处路径断开。</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="203"/>
        <source>Where no point was recorded for longer, the path breaks: nothing between counts as walked.</source>
        <translation>超过此时长未记录点时路径断开，其间不计为已走过。</translation>
    </message>
</context>
<context>
    <name>QuotaOverlayAlgorithm</name>
    <message>
        <location filename="../../processing/quota_overlay.py" line="156"/>
        <source>Quota overlay</source>
        <translation>指标核算</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="159"/>
        <source>Tells each unit of the chosen level how far it is from its farmland (耕地保有量) and permanent basic farmland (永久基本农田) targets, and classifies change patches.

Inputs: the parcels (DLTB) with their location code, land class and area field (TBDLMJ, m², the official net area; empty: ellipsoidal area of the geometry); the PBF polygons, measured ellipsoidally within each unit; the targets table (CSV or table: unit_code, farmland_target_mu, pbf_target_mu, in 亩); optional change patches with the land class after change (HDLBM) and legality (HFPD, values counted illegal such as 违法); optional grid cells from delineategrid for the responsible persons.

Outputs: per unit farmland_mu, targets, gaps (target − actual where positive), surpluses, completion %, PBF figures, change patches and occupied farmland per category and accountability cases, plus a TOTAL row; per patch its unit codes down to the group, responsible persons, farmland and PBF occupied (亩, ellipsoidal), category (non_agri 非农化: construction, roads, mining…; non_grain 非粮化: orchard, forest, grass, fish pond…; other) and the accountable flag (PBF ≥ 5 亩 or farmland ≥ 10 亩 by default); the county checks (illegal occupation ≤ 15 % of the farmland taken for construction and ≤ 100 亩); and optionally the task list as XLSX or CSV, one row per unit with a 合计 row.</source>
        <translation>核算所选层级各单位与耕地保有量、永久基本农田保护目标的差距，并对变化图斑分类。

输入：地类图斑（DLTB）及其坐落单位代码、地类和面积字段（TBDLMJ，平方米，官方图斑地类面积；留空则按几何计算椭球面积）；永久基本农田图斑，按各单位范围计算椭球面积；目标表（CSV 或表：unit_code、farmland_target_mu、pbf_target_mu，单位亩）；可选的变化图斑，含变化后地类（HDLBM）和合法性（HFPD，计为违法的取值如“违法”）；可选的 delineategrid 网格，用于提供责任人。

输出：各单位 farmland_mu、目标、缺口（目标减实际，为正时）、盈余、完成率 %、永久基本农田数据、各类别变化图斑数及占用耕地面积和问责图斑数，另加 TOTAL 合计行；每个变化图斑的各级单位代码（至村民小组）、责任人、占用耕地和永久基本农田面积（亩，椭球面积）、类别（non_agri 非农化：建设、道路、采矿等；non_grain 非粮化：果园、林地、草地、坑塘等；other 其他）和问责标记（默认占用永久基本农田 ≥ 5 亩或耕地 ≥ 10 亩）；县级考核检查（违法占用耕地不超过新增建设占用耕地的 15 %，且不超过 100 亩）；以及可选的 XLSX 或 CSV 任务清单，每个单位一行，另加合计行。</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="177"/>
        <source>Parcels (DLTB)</source>
        <translation>地类图斑（DLTB）</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="180"/>
        <source>Location unit code field</source>
        <translation>坐落单位代码字段</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="185"/>
        <source>Permanent basic farmland</source>
        <translation>永久基本农田</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="190"/>
        <source>Targets table</source>
        <translation>目标表</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="193"/>
        <source>Target unit code field</source>
        <translation>目标单位代码字段</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="193"/>
        <source>Farmland target field (亩)</source>
        <translation>耕地保有量目标字段（亩）</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="193"/>
        <source>PBF target field (亩)</source>
        <translation>永久基本农田目标字段（亩）</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="193"/>
        <source>Target unit name field</source>
        <translation>目标单位名称字段</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="200"/>
        <source>Change patches</source>
        <translation>变化图斑</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="205"/>
        <source>Change patch id field</source>
        <translation>变化图斑编号字段</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="205"/>
        <source>Land class after change field</source>
        <translation>变化后地类字段</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="205"/>
        <source>Legality field</source>
        <translation>合法性字段</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="211"/>
        <source>Legality values that mean illegal</source>
        <translation>表示违法的合法性取值</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="214"/>
        <source>Grid cells with responsible persons (optional)</source>
        <translation>带责任人的网格（可选）</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="219"/>
        <source>Unit level</source>
        <translation>单位层级</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="219"/>
        <source>County</source>
        <translation>县</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="219"/>
        <source>Township</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="219"/>
        <source>Village</source>
        <translation>行政村</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="219"/>
        <source>Villager group</source>
        <translation>村民小组</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="227"/>
        <source>Accountable from PBF occupied (亩)</source>
        <translation>占用永久基本农田达到此值即问责（亩）</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="227"/>
        <source>Accountable from farmland occupied (亩)</source>
        <translation>占用耕地达到此值即问责（亩）</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="227"/>
        <source>Illegal share limit of farmland taken for construction (%)</source>
        <translation>违法占用占新增建设占用耕地比例上限（%）</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="227"/>
        <source>Illegal occupation limit (亩)</source>
        <translation>违法占用耕地总量上限（亩）</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="236"/>
        <source>Units against targets</source>
        <translation>单位目标核算</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="239"/>
        <source>Classified change patches</source>
        <translation>变化图斑分类</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="244"/>
        <source>County checks</source>
        <translation>县级考核检查</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="247"/>
        <source>Task list</source>
        <translation>任务清单</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="247"/>
        <source>Excel workbook (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="252"/>
        <source>Accountability cases</source>
        <translation>问责图斑数</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="257"/>
        <source>The parcel layer could not be opened</source>
        <translation>无法打开地类图斑图层</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="327"/>
        <source>Measuring permanent basic farmland in the units…</source>
        <translation>正在计算各单位的永久基本农田面积……</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="336"/>
        <source>{0} PBF polygons lie partly or wholly outside the parcels ({1:.2f} 亩); not counted</source>
        <translation>{0} 个永久基本农田图斑部分或全部位于图斑范围之外（{1:.2f} 亩），未计入</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="374"/>
        <source>{0} is in {1}; it is reprojected to the parcels&apos; {2}</source>
        <translation>{0} 的坐标系为 {1}，已动态投影到图斑的 {2}</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="385"/>
        <source>No targets table: gaps are not computed</source>
        <translation>未提供目标表：不计算缺口</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="398"/>
        <source>{0} units have no target: {1}</source>
        <translation>{0} 个单位没有目标：{1}</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="413"/>
        <source>{0} change patches lie outside the parcels; they are listed without unit codes</source>
        <translation>{0} 个变化图斑位于图斑范围之外，输出时不带单位代码</translation>
    </message>
</context>
<context>
    <name>SpaceCodeLocatorFilter</name>
    <message>
        <location filename="../../ui/locator.py" line="63"/>
        <source>Parcel space codes and grid codes</source>
        <translation>地块空间码与网格编码</translation>
    </message>
    <message>
        <location filename="../../ui/locator.py" line="105"/>
        <source>Not a valid space code</source>
        <translation>不是有效的地块空间码</translation>
    </message>
</context>
<context>
    <name>ThumbnailStrip</name>
    <message>
        <location filename="../../ui/review_photos.py" line="141"/>
        <source>Evidence thumbnails of case {case_id}</source>
        <translation>案件 {case_id} 的举证缩略图</translation>
    </message>
    <message>
        <location filename="../../ui/review_photos.py" line="162"/>
        <source>not read</source>
        <translation>未读取</translation>
    </message>
    <message>
        <location filename="../../ui/review_photos.py" line="173"/>
        <source>Cannot read the photo {path}: {error}</source>
        <translation>无法读取照片 {path}：{error}</translation>
    </message>
</context>
<context>
    <name>TrackReader</name>
    <message>
        <location filename="../../services/tracks.py" line="227"/>
        <source>GDAL cannot read this GPX file: {0}</source>
        <translation>GDAL 无法读取此 GPX 文件：{0}</translation>
    </message>
    <message>
        <location filename="../../services/tracks.py" line="207"/>
        <source>The file is cut off at line {0} ({1}); the complete tracks and points before it were read</source>
        <translation>文件在第 {0} 行被截断（{1}）；已读取此前完整的轨迹和轨迹点</translation>
    </message>
    <message>
        <location filename="../../services/tracks.py" line="231"/>
        <source>GDAL cannot read this GPX file</source>
        <translation>GDAL 无法读取此 GPX 文件</translation>
    </message>
    <message>
        <location filename="../../services/tracks.py" line="237"/>
        <source>The file has no track points (routes: {0}, waypoints: {1}); a patrol is a recorded track</source>
        <translation>文件中没有轨迹点（路线 {0} 条，航点 {1} 个）；巡查须为实际记录的轨迹</translation>
    </message>
    <message>
        <location filename="../../services/tracks.py" line="250"/>
        <source>The track has no points</source>
        <translation>该轨迹没有点</translation>
    </message>
</context>
</TS>
