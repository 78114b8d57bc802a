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
        <location filename="../../domain/unitcode.py" line="133"/>
        <source>The unit code is empty</source>
        <translation>单位代码为空</translation>
    </message>
    <message>
        <location filename="../../domain/unitcode.py" line="136"/>
        <source>Unit code {code!r} has a non-digit character {char!r} at position {pos}</source>
        <translation>单位代码 {code!r} 第 {pos} 位是非数字字符 {char!r}</translation>
    </message>
    <message>
        <location filename="../../domain/unitcode.py" line="143"/>
        <source>Unit code {code!r} starts with {prefix!r}, which is no province code</source>
        <translation>单位代码 {code!r} 以 {prefix!r} 开头，不是有效的省级代码</translation>
    </message>
    <message>
        <location filename="../../domain/unitcode.py" line="160"/>
        <source>Unit code {code!r} has {length} characters; expected {full} (or at least {village}, down to the village)</source>
        <translation>单位代码 {code!r} 有 {length} 位；应为 {full} 位（至少 {village} 位，即到行政村）</translation>
    </message>
    <message>
        <location filename="../../domain/unitcode.py" line="169"/>
        <source>city</source>
        <translation>市级</translation>
    </message>
    <message>
        <location filename="../../domain/unitcode.py" line="169"/>
        <source>county</source>
        <translation>县级</translation>
    </message>
    <message>
        <location filename="../../domain/unitcode.py" line="169"/>
        <source>township</source>
        <translation>乡镇级</translation>
    </message>
    <message>
        <location filename="../../domain/unitcode.py" line="169"/>
        <source>village</source>
        <translation>村级</translation>
    </message>
    <message>
        <location filename="../../domain/unitcode.py" line="177"/>
        <source>Unit code {code!r} has a {part} part of zeros (characters {start}–{end})</source>
        <translation>单位代码 {code!r} 的{part}代码（第 {start}–{end} 位）全为 0</translation>
    </message>
    <message>
        <location filename="../../domain/unitcode.py" line="245"/>
        <source>Unit code {code!r} names a unit below the villager group</source>
        <translation>单位代码 {code!r} 指向村民小组以下的单位</translation>
    </message>
    <message>
        <location filename="../../domain/unitcode.py" line="256"/>
        <source>Unit code {code!r} has {length} characters; a grid code has {lengths} or {full}</source>
        <translation>单位代码 {code!r} 有 {length} 位；网格编码应为 {lengths} 位或 {full} 位</translation>
    </message>
    <message>
        <location filename="../../domain/grid.py" line="84"/>
        <source>Parcel {id} has no geometry; it is left out of the grid</source>
        <translation>图斑 {id} 没有几何图形，未纳入网格</translation>
    </message>
    <message>
        <location filename="../../domain/grid.py" line="90"/>
        <source>Parcel {id} has an invalid geometry ({reason}); it was repaired and used</source>
        <translation>图斑 {id} 几何无效（{reason}），已自动修复后使用</translation>
    </message>
    <message>
        <location filename="../../domain/grid.py" line="118"/>
        <source>Parcel {id} has no usable area value; its geometry area is used</source>
        <translation>图斑 {id} 的面积值为空或非数字，改用几何面积</translation>
    </message>
    <message>
        <location filename="../../domain/grid.py" line="125"/>
        <source>Parcel {id}: {error}</source>
        <translation>图斑 {id}：{error}</translation>
    </message>
    <message>
        <location filename="../../domain/grid.py" line="144"/>
        <source>Boundary {id}: {error}; the boundary is not used</source>
        <translation>边界 {id}：{error}；该边界未使用</translation>
    </message>
    <message>
        <location filename="../../domain/grid.py" line="218"/>
        <source>Farmland of parcel {id} ({code}) lies outside every boundary</source>
        <translation>图斑 {id}（{code}）的耕地位于所有边界之外（网格缺口）</translation>
    </message>
    <message>
        <location filename="../../domain/grid.py" line="292"/>
        <source>Parcels overlap inside cell {code}</source>
        <translation>网格 {code} 内图斑相互重叠</translation>
    </message>
    <message>
        <location filename="../../domain/grid.py" line="439"/>
        <source>Cells {code} and {other} overlap</source>
        <translation>网格 {code} 与 {other} 相互重叠</translation>
    </message>
    <message>
        <location filename="../../domain/grid.py" line="470"/>
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
        <location filename="../../domain/grid.py" line="190"/>
        <source>Parcel {id} is coded {code} but lies in boundary {boundary}, where it is counted</source>
        <translation>图斑 {id} 的代码为 {code}，但位于边界 {boundary} 内，已按所在边界统计</translation>
    </message>
    <message>
        <location filename="../../store/schema.py" line="217"/>
        <source>Cannot create the workspace {path}</source>
        <translation>无法创建工作空间 {path}</translation>
    </message>
    <message>
        <location filename="../../store/schema.py" line="228"/>
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
        <location filename="../../domain/quota.py" line="219"/>
        <source>Illegally occupied farmland is {share:.1%} of the {taken:.2f} 亩 of farmland taken for construction (limit {limit:.0%})</source>
        <translation>违法占用耕地占新增建设占用耕地 {taken:.2f} 亩的 {share:.1%}（限值 {limit:.0%}）</translation>
    </message>
    <message>
        <location filename="../../domain/quota.py" line="234"/>
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
        <location filename="../../domain/cases.py" line="125"/>
        <source>Case {case_id} ({status}): {action} is not possible now. Allowed now: {allowed}</source>
        <translation>案件 {case_id}（{status}）：当前不能{action}。当前可执行：{allowed}</translation>
    </message>
    <message>
        <location filename="../../domain/cases.py" line="131"/>
        <source>Case {case_id} ({status}): {action} is not possible now, and no action is allowed in this status</source>
        <translation>案件 {case_id}（{status}）：当前不能{action}，此状态下没有可执行的操作</translation>
    </message>
    <message>
        <location filename="../../domain/cases.py" line="276"/>
        <source>Case {case_id}: the actor is missing; every step records who took it</source>
        <translation>案件 {case_id}：缺少办理人，每一步都须记录由谁办理</translation>
    </message>
    <message>
        <location filename="../../domain/cases.py" line="266"/>
        <source>Unknown case action {action!r}; the actions are: {actions}</source>
        <translation>未知的案件操作 {action!r}；可用操作：{actions}</translation>
    </message>
    <message>
        <location filename="../../domain/cases.py" line="285"/>
        <source>Case {case_id}: a verdict is given only when the case is reported</source>
        <translation>案件 {case_id}：只有上报时才能给出认定结果</translation>
    </message>
    <message>
        <location filename="../../domain/cases.py" line="290"/>
        <source>Case {case_id}: rectification notes are recorded only when rectification starts or ends</source>
        <translation>案件 {case_id}：只有开始整改或整改后结案时才能记录整改情况</translation>
    </message>
    <message>
        <location filename="../../domain/cases.py" line="302"/>
        <source>Case {case_id}: reporting needs a verdict: {verdicts}</source>
        <translation>案件 {case_id}：上报须给出认定结果：{verdicts}</translation>
    </message>
    <message>
        <location filename="../../domain/cases.py" line="310"/>
        <source>Case {case_id}: unknown verdict {verdict!r}; the verdicts are: {verdicts}</source>
        <translation>案件 {case_id}：未知的认定结果 {verdict!r}；可选：{verdicts}</translation>
    </message>
    <message>
        <location filename="../../domain/cases.py" line="318"/>
        <source>Case {case_id}: the verdict {verdict} needs a reason</source>
        <translation>案件 {case_id}：认定为“{verdict}”须说明理由</translation>
    </message>
    <message>
        <location filename="../../domain/exif.py" line="41"/>
        <source>{file} is not a JPEG or HEIC/HEIF photo (its content is of another type)</source>
        <translation>{file} 不是 JPEG 或 HEIC/HEIF 照片（其内容为其他类型）</translation>
    </message>
    <message>
        <location filename="../../domain/exif.py" line="42"/>
        <source>{file} is damaged or incomplete (cut off while copying?): its image structure cannot be read</source>
        <translation>{file} 已损坏或不完整（复制时被截断？），无法读取其图像结构</translation>
    </message>
    <message>
        <location filename="../../domain/exif.py" line="43"/>
        <source>{file} has no EXIF metadata: the camera recorded none, or an editing program removed it</source>
        <translation>{file} 没有 EXIF 元数据：相机未记录，或被编辑软件删除</translation>
    </message>
    <message>
        <location filename="../../domain/exif.py" line="44"/>
        <source>The EXIF metadata of {file} is damaged and cannot be read</source>
        <translation>{file} 的 EXIF 元数据已损坏，无法读取</translation>
    </message>
    <message>
        <location filename="../../domain/exif.py" line="45"/>
        <source>{file} has no GPS position: location was off or had no fix when the photo was taken</source>
        <translation>{file} 没有 GPS 位置：拍摄时定位未开启或未定位成功</translation>
    </message>
    <message>
        <location filename="../../domain/exif.py" line="47"/>
        <source>{file} is empty (0 bytes)</source>
        <translation>{file} 是空文件（0 字节）</translation>
    </message>
    <message>
        <location filename="../../domain/exif.py" line="48"/>
        <source>{file} cannot be read: {error}</source>
        <translation>无法读取 {file}：{error}</translation>
    </message>
    <message>
        <location filename="../../domain/exif.py" line="49"/>
        <source>{file} has the GPS position 0°, 0°, which cameras write when they have no fix</source>
        <translation>{file} 的 GPS 位置为 0°, 0°，这是相机未定位时写入的值</translation>
    </message>
    <message>
        <location filename="../../domain/exif.py" line="50"/>
        <source>{file} has an impossible GPS position: latitude {lat}, longitude {lon}</source>
        <translation>{file} 的 GPS 位置不可能存在：纬度 {lat}，经度 {lon}</translation>
    </message>
    <message>
        <location filename="../../store/schema.py" line="156"/>
        <source>The workspace {path} has a table {table} that is not one of this plugin&apos;s case tables</source>
        <translation>工作空间 {path} 中的表 {table} 不是本插件的案件表</translation>
    </message>
    <message>
        <location filename="../../store/schema.py" line="252"/>
        <source>The workspace {path} has an unreadable case schema version {found!r}</source>
        <translation>工作空间 {path} 的案件表结构版本 {found!r} 无法识别</translation>
    </message>
    <message>
        <location filename="../../store/schema.py" line="256"/>
        <source>The workspace {path} has case tables of schema version {found}, newer than this plugin knows ({known}); update the plugin to use it</source>
        <translation>工作空间 {path} 的案件表结构版本为 {found}，高于本插件支持的版本（{known}），请升级插件后使用</translation>
    </message>
    <message>
        <location filename="../../store/schema.py" line="280"/>
        <source>Cannot migrate the workspace {path} from case schema version {found} to {known}: {error}</source>
        <translation>无法将工作空间 {path} 的案件表结构从版本 {found} 升级到 {known}：{error}</translation>
    </message>
    <message>
        <location filename="../../store/schema.py" line="119"/>
        <source>Cannot write to the workspace {path}: {error}. Another user may be writing to it, or its case layers are being edited in QGIS: save those edits and try again</source>
        <translation>无法写入工作空间 {path}：{error}。可能有其他用户正在写入，或其案件图层正在 QGIS 中编辑：请保存编辑后重试</translation>
    </message>
    <message>
        <location filename="../../store/rows.py" line="52"/>
        <source>Patch number {index} has neither a case id nor a patch id, so it cannot be issued</source>
        <translation>第 {index} 个图斑既无案件编号也无图斑编号，无法下发</translation>
    </message>
    <message>
        <location filename="../../store/postgres.py" line="355"/>
        <source>There is no case {case_id} in the workspace {path}</source>
        <translation>工作空间 {path} 中没有案件 {case_id}</translation>
    </message>
    <message>
        <location filename="../../store/rows.py" line="98"/>
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
        <location filename="../../domain/dashboard.py" line="35"/>
        <source>Patrol summary</source>
        <translation>巡田汇总</translation>
    </message>
    <message>
        <location filename="../../domain/dashboard.py" line="36"/>
        <source>Units table</source>
        <translation>指标核算表</translation>
    </message>
    <message>
        <location filename="../../domain/dashboard.py" line="60"/>
        <source>{source} row {row}: {field} is empty</source>
        <translation>{source}第 {row} 行：{field} 为空</translation>
    </message>
    <message>
        <location filename="../../domain/dashboard.py" line="66"/>
        <source>{source} row {row}: {field} is {value!r}, not a number ≥ 0</source>
        <translation>{source}第 {row} 行：{field} 的值 {value!r} 不是大于等于 0 的数</translation>
    </message>
    <message>
        <location filename="../../domain/dashboard.py" line="79"/>
        <source>{source} row {row}: {field} is {value!r}, not a whole number</source>
        <translation>{source}第 {row} 行：{field} 的值 {value!r} 不是整数</translation>
    </message>
    <message>
        <location filename="../../domain/dashboard.py" line="102"/>
        <source>{source} row {row}: {error}</source>
        <translation>{source}第 {row} 行：{error}</translation>
    </message>
    <message>
        <location filename="../../domain/dashboard.py" line="91"/>
        <source>{source} row {row}: unit {code} is not a township; the dashboard compares townships</source>
        <translation>{source}第 {row} 行：单位 {code} 不是乡镇级；驾驶舱按乡镇统计</translation>
    </message>
    <message>
        <location filename="../../domain/dashboard.py" line="180"/>
        <source>{source} row {row}: the month {month!r} of township {code} is not a month such as 2026-01</source>
        <translation>{source}第 {row} 行：乡镇 {code} 的月份 {month!r} 不是 2026-01 这样的月份</translation>
    </message>
    <message>
        <location filename="../../domain/dashboard.py" line="192"/>
        <source>{source} row {row}: township {code} in {month}: {completed} completed and {overdue} overdue periods do not add up to the {due} periods due</source>
        <translation>{source}第 {row} 行：乡镇 {code} {month}：已完成 {completed} 个、已过期 {overdue} 个周期，合计不等于应巡的 {due} 个周期</translation>
    </message>
    <message>
        <location filename="../../domain/dashboard.py" line="205"/>
        <source>{source} row {row}: township {code} in {month}: the patrol rate {rate} % does not fit {completed} of {due} periods completed</source>
        <translation>{source}第 {row} 行：乡镇 {code} {month}：巡田率 {rate} % 与应巡 {due} 个周期中完成 {completed} 个不符</translation>
    </message>
    <message>
        <location filename="../../domain/dashboard.py" line="217"/>
        <source>{source} row {row}: township {code} in {month}: the rank is 0; ranks start at 1</source>
        <translation>{source}第 {row} 行：乡镇 {code} {month}：排名为 0；排名从 1 开始</translation>
    </message>
    <message>
        <location filename="../../domain/dashboard.py" line="221"/>
        <source>{source}: township {code} has two rows for {month} (rows {first} and {row})</source>
        <translation>{source}：乡镇 {code} 在 {month} 有两行（第 {first} 行和第 {row} 行）</translation>
    </message>
    <message>
        <location filename="../../domain/dashboard.py" line="293"/>
        <source>Case {case_id}: the due date {value!r} is not a date</source>
        <translation>案件 {case_id}：办理期限 {value!r} 不是日期</translation>
    </message>
    <message>
        <location filename="../../domain/dashboard.py" line="311"/>
        <source>Case {case_id}: unknown status {status!r}; the statuses are: {statuses}</source>
        <translation>案件 {case_id}：未知状态 {status!r}；可用状态为：{statuses}</translation>
    </message>
    <message>
        <location filename="../../domain/dashboard.py" line="380"/>
        <source>{source} row {row}: unit {code}: {field} {gap} does not fit the target {target} and the actual {actual}</source>
        <translation>{source}第 {row} 行：单位 {code}：{field} {gap} 与目标 {target}、实际 {actual} 不符</translation>
    </message>
    <message>
        <location filename="../../domain/dashboard.py" line="420"/>
        <source>{source}: unit {code} has two rows ({first} and {row})</source>
        <translation>{source}：单位 {code} 有两行（第 {first} 行和第 {row} 行）</translation>
    </message>
    <message>
        <location filename="../../domain/dashboard.py" line="436"/>
        <source>The units table has no township rows</source>
        <translation>指标核算表中没有乡镇行</translation>
    </message>
    <message>
        <location filename="../../domain/dashboard.py" line="504"/>
        <source>The parcel layers {first} and {second} both give the year {year}; give each year once</source>
        <translation>地块图层 {first} 和 {second} 的年份都是 {year}；每个年份只能提供一次</translation>
    </message>
    <message>
        <location filename="../../report/tables.py" line="24"/>
        <source>Patrols</source>
        <translation>巡田</translation>
    </message>
    <message>
        <location filename="../../report/tables.py" line="26"/>
        <source>Farmland and PBF against targets</source>
        <translation>耕地和永久基本农田目标完成情况</translation>
    </message>
    <message>
        <location filename="../../report/tables.py" line="28"/>
        <source>Farmland trend</source>
        <translation>耕地变化趋势</translation>
    </message>
    <message>
        <location filename="../../report/tables.py" line="31"/>
        <source>No patrol summary was given (patrolcoverage&apos;s township monthly summary).</source>
        <translation>未提供巡田汇总（patrolcoverage 的乡镇月度汇总）。</translation>
    </message>
    <message>
        <location filename="../../report/tables.py" line="32"/>
        <source>No case workspace was given.</source>
        <translation>未提供案件工作空间。</translation>
    </message>
    <message>
        <location filename="../../report/tables.py" line="33"/>
        <source>No units table was given (quotaoverlay&apos;s units at township level).</source>
        <translation>未提供指标核算表（quotaoverlay 乡镇级结果）。</translation>
    </message>
    <message>
        <location filename="../../report/tables.py" line="35"/>
        <source>No yearly parcel layers were given.</source>
        <translation>未提供年度地类图斑图层。</translation>
    </message>
    <message>
        <location filename="../../report/tables.py" line="37"/>
        <source>Only one parcel layer was given: the trend chart needs two years or more.</source>
        <translation>只提供了一个地块图层：趋势图至少需要两个年份。</translation>
    </message>
    <message>
        <location filename="../../report/tables.py" line="38"/>
        <source>(no township code)</source>
        <translation>（无乡镇代码）</translation>
    </message>
    <message>
        <location filename="../../report/tables.py" line="39"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location filename="../../report/tables.py" line="40"/>
        <source>Township code</source>
        <translation>乡镇代码</translation>
    </message>
    <message>
        <location filename="../../report/tables.py" line="40"/>
        <source>Township</source>
        <translation>乡镇/街道</translation>
    </message>
    <message>
        <location filename="../../report/ranking.py" line="37"/>
        <source>Periods due</source>
        <translation>应巡周期数</translation>
    </message>
    <message>
        <location filename="../../report/ranking.py" line="37"/>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../report/ranking.py" line="16"/>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <location filename="../../report/tables.py" line="105"/>
        <source>Patrol rate per township, all months</source>
        <translation>各乡镇巡田率（全部月份）</translation>
    </message>
    <message>
        <location filename="../../report/tables.py" line="112"/>
        <source>Patrol rate per township and month</source>
        <translation>各乡镇逐月巡田率</translation>
    </message>
    <message>
        <location filename="../../report/tables.py" line="112"/>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <location filename="../../report/tables.py" line="141"/>
        <source>Cases per township and status, overdue as of {date}</source>
        <translation>各乡镇各状态案件数（逾期截至 {date}）</translation>
    </message>
    <message>
        <location filename="../../report/tables.py" line="148"/>
        <source>Actual (mu)</source>
        <translation>实际(亩)</translation>
    </message>
    <message>
        <location filename="../../report/tables.py" line="148"/>
        <source>Target (mu)</source>
        <translation>目标(亩)</translation>
    </message>
    <message>
        <location filename="../../report/balance_tables.py" line="27"/>
        <source>Gap (mu)</source>
        <translation>缺口(亩)</translation>
    </message>
    <message>
        <location filename="../../report/tables.py" line="148"/>
        <source>Completion (%)</source>
        <translation>完成率(%)</translation>
    </message>
    <message>
        <location filename="../../report/tables.py" line="157"/>
        <source>Farmland against target per township</source>
        <translation>各乡镇耕地保有量目标完成情况</translation>
    </message>
    <message>
        <location filename="../../report/tables.py" line="157"/>
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
        <location filename="../../services/dashboard_inputs.py" line="150"/>
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
        <location filename="../../store/schema.py" line="137"/>
        <source>{path} is a folder: choose a GeoPackage file</source>
        <translation>{path} 是文件夹：请选择 GeoPackage 文件</translation>
    </message>
    <message>
        <location filename="../../store/schema.py" line="140"/>
        <source>There is no workspace file {path}</source>
        <translation>工作空间文件 {path} 不存在</translation>
    </message>
    <message>
        <location filename="../../store/schema.py" line="151"/>
        <source>{path} holds no cases: choose the workspace GeoPackage the cases were issued to</source>
        <translation>{path} 中没有案件：请选择案件下发到的工作空间 GeoPackage</translation>
    </message>
    <message>
        <location filename="../../store/schema.py" line="164"/>
        <source>{path} is read-only</source>
        <translation>{path} 为只读</translation>
    </message>
    <message>
        <location filename="../../store/schema.py" line="166"/>
        <source>{path} is read-only, so its workspace schema cannot be brought from version {found} to {known}</source>
        <translation>{path} 为只读，无法将其工作空间结构从版本 {found} 升级到 {known}</translation>
    </message>
    <message>
        <location filename="../../store/workspace.py" line="95"/>
        <source>No workspace was given</source>
        <translation>未指定工作空间</translation>
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
        <location filename="../../domain/grid_qa.py" line="58"/>
        <source>Parcel identifier {id} is used by {count} features: {features}</source>
        <translation>图斑标识 {id} 被 {count} 个要素重复使用：{features}</translation>
    </message>
    <message>
        <location filename="../../domain/quota.py" line="158"/>
        <source>Target row {row}: {problem}; the row is skipped</source>
        <translation>目标表第 {row} 行：{problem}；已跳过该行</translation>
    </message>
    <message>
        <location filename="../../domain/quota.py" line="165"/>
        <source>Target row {row}: unit {code} has no parcels; the row is skipped</source>
        <translation>目标表第 {row} 行：单位 {code} 没有图斑；已跳过该行</translation>
    </message>
    <message>
        <location filename="../../domain/quota.py" line="170"/>
        <source>Target row {row} ({code}): {field} is empty or not a number</source>
        <translation>目标表第 {row} 行（{code}）：{field} 为空或不是数字</translation>
    </message>
    <message>
        <location filename="../../domain/quota.py" line="192"/>
        <source>Unit {code} has targets in rows {rows}; none of them is used</source>
        <translation>单位 {code} 在第 {rows} 行都有目标，均不采用</translation>
    </message>
    <message>
        <location filename="../../plugin.py" line="91"/>
        <source>Grid cells of every level from the parcels, with a QA layer</source>
        <translation>由地类图斑生成各级网格，并附质检图层</translation>
    </message>
    <message>
        <location filename="../../plugin.py" line="91"/>
        <source>Assign parcel space codes…</source>
        <translation>地块赋码……</translation>
    </message>
    <message>
        <location filename="../../plugin.py" line="91"/>
        <source>One stable code per parcel, kept across yearly updates</source>
        <translation>每个图斑一个稳定编码，年度更新后保持不变</translation>
    </message>
    <message>
        <location filename="../../plugin.py" line="91"/>
        <source>Export QR codes…</source>
        <translation>导出二维码……</translation>
    </message>
    <message>
        <location filename="../../plugin.py" line="91"/>
        <source>A QR code image for every parcel or grid cell code</source>
        <translation>为每个图斑或网格编码生成二维码图片</translation>
    </message>
    <message>
        <location filename="../../plugin.py" line="91"/>
        <source>Quota overlay…</source>
        <translation>指标核算……</translation>
    </message>
    <message>
        <location filename="../../plugin.py" line="91"/>
        <source>Farmland and PBF per unit against the targets, change patches classified</source>
        <translation>各单位耕地和永久基本农田对照目标，并对变化图斑分类</translation>
    </message>
    <message>
        <location filename="../../plugin.py" line="91"/>
        <source>Decompose targets…</source>
        <translation>目标任务分解……</translation>
    </message>
    <message>
        <location filename="../../plugin.py" line="91"/>
        <source>Hand the targets down to townships, villages or groups</source>
        <translation>将目标分解到乡镇、行政村或村民小组</translation>
    </message>
    <message>
        <location filename="../../plugin.py" line="91"/>
        <source>Farmland balances…</source>
        <translation>耕地平衡…</translation>
    </message>
    <message>
        <location filename="../../plugin.py" line="91"/>
        <source>占补平衡 and 进出平衡 per unit between two survey years</source>
        <translation>两个年度之间各单位的占补平衡和进出平衡</translation>
    </message>
    <message>
        <location filename="../../plugin.py" line="91"/>
        <source>Patrol coverage and ledger…</source>
        <translation>巡田覆盖与巡查台账…</translation>
    </message>
    <message>
        <location filename="../../plugin.py" line="91"/>
        <source>Which cells were patrolled in each period, and the patrol ledger</source>
        <translation>各周期哪些网格已巡田，以及巡查台账</translation>
    </message>
    <message>
        <location filename="../../plugin.py" line="91"/>
        <source>Issue cases…</source>
        <translation>下发案件…</translation>
    </message>
    <message>
        <location filename="../../plugin.py" line="91"/>
        <source>Change patches issued as cases to the responsible persons</source>
        <translation>将变化图斑作为案件下发给责任人</translation>
    </message>
    <message>
        <location filename="../../plugin.py" line="91"/>
        <source>Import evidence photos…</source>
        <translation>导入举证照片…</translation>
    </message>
    <message>
        <location filename="../../plugin.py" line="91"/>
        <source>Geotagged photos matched to their cases, with checks</source>
        <translation>带定位的照片匹配到案件并进行核验</translation>
    </message>
    <message>
        <location filename="../../plugin.py" line="91"/>
        <source>Export field packages…</source>
        <translation>导出外业数据包…</translation>
    </message>
    <message>
        <location filename="../../plugin.py" line="91"/>
        <source>A QField package for each patroller</source>
        <translation>为每位巡查员生成 QField 数据包</translation>
    </message>
    <message>
        <location filename="../../plugin.py" line="91"/>
        <source>Import field packages…</source>
        <translation>导入外业数据包…</translation>
    </message>
    <message>
        <location filename="../../plugin.py" line="91"/>
        <source>Evidence and tracks back from the patrollers&apos; packages</source>
        <translation>从巡查员数据包中导回举证和轨迹</translation>
    </message>
    <message>
        <location filename="../../plugin.py" line="91"/>
        <source>Export responsibility atlas…</source>
        <translation>导出网格责任图集…</translation>
    </message>
    <message>
        <location filename="../../plugin.py" line="91"/>
        <source>A printed page per grid cell: map, persons, areas</source>
        <translation>每个网格一页：地图、责任人、面积</translation>
    </message>
    <message>
        <location filename="../../plugin.py" line="91"/>
        <source>Export sign boards…</source>
        <translation>导出标识牌…</translation>
    </message>
    <message>
        <location filename="../../plugin.py" line="91"/>
        <source>Sign boards and QR warning-post plates per cell</source>
        <translation>每个网格的标识牌和二维码警示桩牌</translation>
    </message>
    <message>
        <location filename="../../plugin.py" line="91"/>
        <source>Dashboard report…</source>
        <translation>驾驶舱报告…</translation>
    </message>
    <message>
        <location filename="../../plugin.py" line="91"/>
        <source>The dashboard as an HTML and PDF report</source>
        <translation>将驾驶舱输出为 HTML 和 PDF 报告</translation>
    </message>
    <message>
        <location filename="../../services/field_package_return.py" line="116"/>
        <source>The package data {path} has no layer {layer}</source>
        <translation>现场包数据 {path} 中没有图层 {layer}</translation>
    </message>
    <message>
        <location filename="../../services/batch.py" line="368"/>
        <source>GDAL cannot open it</source>
        <translation>GDAL 无法打开它</translation>
    </message>
    <message>
        <location filename="../../services/batch.py" line="123"/>
        <source>it has no layer of that name and not exactly one polygon layer</source>
        <translation>它没有该名称的图层，也不是恰好只有一个面图层</translation>
    </message>
    <message>
        <location filename="../../services/batch.py" line="243"/>
        <source>The county layer {name} is given more than once</source>
        <translation>县图层 {name} 被给出了不止一次</translation>
    </message>
    <message>
        <location filename="../../services/batch.py" line="338"/>
        <source>its input changed after the job list was written, or it was never prepared; run again</source>
        <translation>任务列表写出后其输入已改变，或它从未准备过；请重新运行</translation>
    </message>
    <message>
        <location filename="../../services/batch.py" line="342"/>
        <source>it has not run, or stopped without a message; see {log}</source>
        <translation>它没有运行，或未给出信息就停止了；见 {log}</translation>
    </message>
    <message>
        <location filename="../../services/batch.py" line="372"/>
        <source>it has no such layer</source>
        <translation>它没有这个图层</translation>
    </message>
    <message>
        <location filename="../../services/batch.py" line="375"/>
        <source>it has no CRS, so it cannot be placed beside the other counties: set its CRS</source>
        <translation>它没有坐标参考系，无法与其他县放在一起：请设置其坐标参考系</translation>
    </message>
    <message>
        <location filename="../../services/batch.py" line="387"/>
        <source>its coordinates ({x:.0f}, {y:.0f}) do not lie in China in its CRS {crs}: the CRS is wrong</source>
        <translation>其坐标 ({x:.0f}, {y:.0f}) 在其坐标参考系 {crs} 中不在中国境内：坐标参考系有误</translation>
    </message>
    <message>
        <location filename="../../services/batch_workers.py" line="39"/>
        <source>qgis_process was not found on the PATH: the batch starts its workers with it</source>
        <translation>在 PATH 中找不到 qgis_process：批处理用它启动工作进程</translation>
    </message>
    <message>
        <location filename="../../services/merge.py" line="107"/>
        <source>Cannot merge {file} into {output}: {error}</source>
        <translation>无法将 {file} 合并到 {output}：{error}</translation>
    </message>
    <message>
        <location filename="../../services/merge.py" line="155"/>
        <source>The county layers {first} and {second} both hold villager group {group}: its space codes would not be unique; give every unit to one county layer only</source>
        <translation>县图层 {first} 和 {second} 都包含村民小组 {group}：其地块空间码将不唯一；每个单位只能给一个县图层</translation>
    </message>
    <message>
        <location filename="../../services/coverages.py" line="25"/>
        <source>The layer {layer!r} has no CRS: the overlay's tolerance and minimum area are in metres; set the layer's CRS (Layer Properties › Source)</source>
        <translation>图层 {layer!r} 没有坐标系：叠加的容差和最小面积以米计；请设置图层坐标系（图层属性 › 源）</translation>
    </message>
    <message>
        <location filename="../../services/coverages.py" line="33"/>
        <source>Last year's parcels {previous!r} are in {previous_crs}, this year's {parcels!r} in {parcels_crs}: the two years must be in one CRS for an exact overlay; reproject one of them (Vector › Data Management Tools › Reproject Layer)</source>
        <translation>上年图斑 {previous!r} 的坐标系为 {previous_crs}，本年图斑 {parcels!r} 为 {parcels_crs}：精确叠加要求两个年度坐标系一致；请重投影其中之一（矢量 › 数据管理工具 › 重投影图层）</translation>
    </message>
    <message>
        <location filename="../../services/field_package_files.py" line="42"/>
        <source>{folder} has no {name}: it is not a field package</source>
        <translation>{folder} 中没有 {name}:不是现场包</translation>
    </message>
    <message>
        <location filename="../../services/field_package_files.py" line="48"/>
        <source>The package manifest {path} cannot be read: {error}</source>
        <translation>无法读取现场包清单 {path}:{error}</translation>
    </message>
    <message>
        <location filename="../../services/field_package_files.py" line="77"/>
        <source>The zip file {path} cannot be read: {error}</source>
        <translation>无法读取 zip 文件 {path}:{error}</translation>
    </message>
    <message>
        <location filename="../../services/task_table.py" line="25"/>
        <source>Task table definition {file} cannot be read: {error}</source>
        <translation>任务清单列定义 {file} 无法读取：{error}</translation>
    </message>
    <message>
        <location filename="../../services/field_package_import.py" line="66"/>
        <source>Photo {uuid} belongs to no evidence point of the package</source>
        <translation>照片 {uuid} 不属于现场包中的任何举证点</translation>
    </message>
    <message>
        <location filename="../../services/field_package_import.py" line="95"/>
        <source>{path} is in the package but no photo row names it</source>
        <translation>{path} 在现场包中,但没有照片记录引用它</translation>
    </message>
    <message>
        <location filename="../../services/field_package_import.py" line="120"/>
        <source>Evidence point {uuid} has no position</source>
        <translation>举证点 {uuid} 没有位置</translation>
    </message>
    <message>
        <location filename="../../services/field_package_import.py" line="122"/>
        <source>Evidence point {uuid} names no case</source>
        <translation>举证点 {uuid} 未选择案件</translation>
    </message>
    <message>
        <location filename="../../services/field_package_import.py" line="124"/>
        <source>Case {case_id} was not handed to {person} in this package</source>
        <translation>案件 {case_id} 未在本现场包中下发给 {person}</translation>
    </message>
    <message>
        <location filename="../../services/field_package_import.py" line="130"/>
        <source>The workspace has no case {case_id}</source>
        <translation>工作空间中没有案件 {case_id}</translation>
    </message>
    <message>
        <location filename="../../services/field_package_import.py" line="132"/>
        <source>Evidence point {uuid} of case {case_id} has no photo (note: {note})</source>
        <translation>案件 {case_id} 的举证点 {uuid} 没有照片(说明:{note})</translation>
    </message>
    <message>
        <location filename="../../services/field_package_import.py" line="142"/>
        <source>Photo {uuid} names no file</source>
        <translation>照片 {uuid} 没有指定文件</translation>
    </message>
    <message>
        <location filename="../../services/field_package_import.py" line="153"/>
        <source>{path} is not a file inside the package</source>
        <translation>{path} 不是现场包内的文件</translation>
    </message>
    <message>
        <location filename="../../services/field_package_import.py" line="162"/>
        <source>{path} is missing from the package</source>
        <translation>现场包中缺少 {path}</translation>
    </message>
    <message>
        <location filename="../../services/field_package_import.py" line="172"/>
        <source>{path} is already attached to case {case_id}</source>
        <translation>{path} 已附加到案件 {case_id}</translation>
    </message>
    <message>
        <location filename="../../services/field_package_import.py" line="263"/>
        <source>Case {case_id} cannot be reported from this package</source>
        <translation>无法从本现场包上报案件 {case_id}</translation>
    </message>
    <message>
        <location filename="../../services/field_package_import.py" line="268"/>
        <source>Case {case_id} ({status}): the done mark of package {package} ({made}) is not taken</source>
        <translation>案件 {case_id}({status}):不采用现场包 {package}({made})中的“核查完成”标记</translation>
    </message>
    <message>
        <location filename="../../services/field_package_import.py" line="277"/>
        <source>Field package {package}, imported by {actor}</source>
        <translation>现场包 {package},由 {actor} 导入</translation>
    </message>
    <message>
        <location filename="../../services/field_package_import.py" line="279"/>
        <source>Case {case_id} is marked done without a verdict</source>
        <translation>案件 {case_id} 已标记核查完成,但没有核查结论</translation>
    </message>
    <message>
        <location filename="../../report/tables.py" line="27"/>
        <source>Farmland balances against tasks</source>
        <translation>耕地平衡与任务</translation>
    </message>
    <message>
        <location filename="../../report/tables.py" line="34"/>
        <source>No balance table was given (farmlandbalance&apos;s units at township level).</source>
        <translation>未提供平衡表（farmlandbalance 乡镇级单位输出）。</translation>
    </message>
    <message>
        <location filename="../../report/tables.py" line="123"/>
        <source>Flagged evidence</source>
        <translation>举证有标记</translation>
    </message>
    <message>
        <location filename="../../report/balance_tables.py" line="8"/>
        <source>In 进 (mu)</source>
        <translation>进（亩）</translation>
    </message>
    <message>
        <location filename="../../report/balance_tables.py" line="8"/>
        <source>Out 出 (mu)</source>
        <translation>出（亩）</translation>
    </message>
    <message>
        <location filename="../../report/balance_tables.py" line="9"/>
        <source>Occupied 占 (mu)</source>
        <translation>占（亩）</translation>
    </message>
    <message>
        <location filename="../../report/balance_tables.py" line="9"/>
        <source>Compensated 补 (mu)</source>
        <translation>补（亩）</translation>
    </message>
    <message>
        <location filename="../../report/balance_tables.py" line="17"/>
        <source>In–out balance (进出平衡) per township</source>
        <translation>各乡镇耕地进出平衡</translation>
    </message>
    <message>
        <location filename="../../report/balance_tables.py" line="17"/>
        <source>Occupation–compensation balance (占补平衡) per township</source>
        <translation>各乡镇耕地占补平衡</translation>
    </message>
    <message>
        <location filename="../../report/balance_tables.py" line="27"/>
        <source>Balance (mu)</source>
        <translation>平衡（亩）</translation>
    </message>
    <message>
        <location filename="../../report/balance_tables.py" line="27"/>
        <source>Task (mu)</source>
        <translation>任务（亩）</translation>
    </message>
    <message>
        <location filename="../../report/balance_tables.py" line="54"/>
        <source>Years</source>
        <translation>年度</translation>
    </message>
    <message>
        <location filename="../../report/balance_tables.py" line="55"/>
        <source>In, out, occupied and compensated farmland per township and year (mu)</source>
        <translation>各乡镇各年度耕地进、出、占、补（亩）</translation>
    </message>
    <message>
        <location filename="../../report/ranking.py" line="14"/>
        <source>Counties ranked</source>
        <translation>各县排名</translation>
    </message>
    <message>
        <location filename="../../report/ranking.py" line="15"/>
        <source>A county&apos;s patrols and cases sum its townships&apos;; ranks are dense, best first (fewest overdue cases).</source>
        <translation>各县的巡田和案件为其所辖乡镇之和；排名为密集排名，由好到差（逾期案件越少越好）。</translation>
    </message>
    <message>
        <location filename="../../report/ranking.py" line="16"/>
        <source>County code</source>
        <translation>县代码</translation>
    </message>
    <message>
        <location filename="../../report/ranking.py" line="16"/>
        <source>County</source>
        <translation>县</translation>
    </message>
    <message>
        <location filename="../../report/ranking.py" line="37"/>
        <source>Patrol rate per county, all months</source>
        <translation>各县巡田率（全部月份）</translation>
    </message>
    <message>
        <location filename="../../report/ranking.py" line="66"/>
        <source>Cases per county and status, ranked by cases overdue</source>
        <translation>各县各状态案件数，按逾期案件排名</translation>
    </message>
    <message>
        <location filename="../../report/ranking.py" line="85"/>
        <source>Farmland and PBF against the county targets, ranked by farmland completion</source>
        <translation>耕地和永久基本农田对照各县目标，按耕地完成率排名</translation>
    </message>
    <message>
        <location filename="../../report/ranking.py" line="85"/>
        <source>Farmland (mu)</source>
        <translation>耕地（亩）</translation>
    </message>
    <message>
        <location filename="../../report/ranking.py" line="85"/>
        <source>Farmland target (mu)</source>
        <translation>耕地目标（亩）</translation>
    </message>
    <message>
        <location filename="../../report/ranking.py" line="85"/>
        <source>Farmland gap (mu)</source>
        <translation>耕地缺口（亩）</translation>
    </message>
    <message>
        <location filename="../../report/ranking.py" line="85"/>
        <source>Farmland completion (%)</source>
        <translation>耕地完成率（%）</translation>
    </message>
    <message>
        <location filename="../../report/ranking.py" line="85"/>
        <source>PBF gap (mu)</source>
        <translation>永久基本农田缺口（亩）</translation>
    </message>
    <message>
        <location filename="../../report/ranking.py" line="85"/>
        <source>PBF completion (%)</source>
        <translation>永久基本农田完成率（%）</translation>
    </message>
    <message>
        <location filename="../../report/ranking.py" line="85"/>
        <source>PBF rank</source>
        <translation>永久基本农田排名</translation>
    </message>
    <message>
        <location filename="../../report/balance_chart.py" line="10"/>
        <source>In–out balance 进出平衡 against task (mu)</source>
        <translation>进出平衡与任务（亩）</translation>
    </message>
    <message>
        <location filename="../../report/balance_chart.py" line="11"/>
        <source>Occupation–compensation balance 占补平衡 against task (mu)</source>
        <translation>占补平衡与任务（亩）</translation>
    </message>
    <message>
        <location filename="../../report/balance_chart.py" line="12"/>
        <source>Balance</source>
        <translation>平衡</translation>
    </message>
    <message>
        <location filename="../../report/balance_chart.py" line="13"/>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <location filename="../../store/turns.py" line="53"/>
        <source>The workspace {path} is busy: another writer did not finish in time. Try again</source>
        <translation>工作空间 {path} 正忙：另一写入操作未在等待时间内完成，请重试</translation>
    </message>
    <message>
        <location filename="../../domain/unitcode.py" line="70"/>
        <source>Level lengths must be whole numbers separated by commas (such as {example}), got {text!r}</source>
        <translation>层级长度须为逗号分隔的整数（如 {example}），实际为 {text!r}</translation>
    </message>
    <message>
        <location filename="../../domain/unitcode.py" line="75"/>
        <source>Level lengths name 4 to 6 levels down to the group (such as {example}); got {count} in {text!r}</source>
        <translation>层级长度须列出直至村民小组的4至6个层级（如 {example}）；{text!r} 中有 {count} 个</translation>
    </message>
    <message>
        <location filename="../../domain/unitcode.py" line="81"/>
        <source>Level lengths must increase from level to level (such as {example}), got {text!r}</source>
        <translation>层级长度须逐级递增（如 {example}），实际为 {text!r}</translation>
    </message>
    <message>
        <location filename="../../domain/unitcode.py" line="88"/>
        <source>A level above the county is the province (2) or the city (4), got {value} in {text!r}</source>
        <translation>县以上层级只能是省（2）或市（4），{text!r} 中为 {value}</translation>
    </message>
    <message>
        <location filename="../../domain/unitcode.py" line="94"/>
        <source>The county length must be more than the city&apos;s 4 characters (such as 6), got {value} in {text!r}</source>
        <translation>县级长度须大于市级的4位（如 6），{text!r} 中为 {value}</translation>
    </message>
    <message>
        <location filename="../../domain/grid_upper.py" line="80"/>
        <source>County cell code {code!r} is not a county code of {length} digits</source>
        <translation>县级网格代码 {code!r} 不是 {length} 位的县代码</translation>
    </message>
    <message>
        <location filename="../../domain/grid_upper.py" line="85"/>
        <source>County cell {code} is given more than once; its figures would be counted twice</source>
        <translation>县级网格 {code} 出现多次；其数据会被重复计算</translation>
    </message>
    <message>
        <location filename="../../domain/grid_upper.py" line="117"/>
        <source>Part of cell {code} is covered by none of its county cells</source>
        <translation>网格 {code} 有部分未被其下任何县级网格覆盖</translation>
    </message>
    <message>
        <location filename="../../domain/grid_upper.py" line="120"/>
        <source>Cell {code} has a gap between its county cells</source>
        <translation>网格 {code} 的各县级网格之间有缝隙</translation>
    </message>
    <message>
        <location filename="../../domain/grid_upper.py" line="199"/>
        <source>County cell {code} lies in boundary {boundary}, not in its own {parent}</source>
        <translation>县级网格 {code} 位于边界 {boundary} 内，而不在其所属的 {parent} 内</translation>
    </message>
    <message>
        <location filename="../../domain/dashboard_balance.py" line="14"/>
        <source>Balance table</source>
        <translation>平衡表</translation>
    </message>
    <message>
        <location filename="../../domain/dashboard_balance.py" line="55"/>
        <source>{source} row {row}: {field} is {value!r}, not a number</source>
        <translation>{source} 第 {row} 行：{field} 为 {value!r}，不是数字</translation>
    </message>
    <message>
        <location filename="../../domain/dashboard_balance.py" line="73"/>
        <source>{source} row {row}: unit {code}: {field} {balance} and gap {gap} do not fit its flows and task {target}</source>
        <translation>{source} 第 {row} 行：单位 {code}：{field} {balance} 与缺口 {gap} 和其流向及任务 {target} 不符</translation>
    </message>
    <message>
        <location filename="../../domain/dashboard_balance.py" line="97"/>
        <source>The balance table has no township rows</source>
        <translation>平衡表中没有乡镇行</translation>
    </message>
    <message>
        <location filename="../../domain/field_package.py" line="103"/>
        <source>The package manifest is damaged or not a field package manifest: {error}</source>
        <translation>现场包清单已损坏或不是现场包清单:{error}</translation>
    </message>
    <message>
        <location filename="../../domain/field_package.py" line="111"/>
        <source>Package {package} has format {found}; this plugin reads format {known} and older: update the plugin</source>
        <translation>现场包 {package} 的格式为 {found};本插件只能读取 {known} 及更早的格式:请更新插件</translation>
    </message>
    <message>
        <location filename="../../domain/field_package.py" line="118"/>
        <source>Package {package} was made from a workspace of schema version {found}, newer than this workspace&apos;s {known}: update the plugin or import it into the workspace it came from</source>
        <translation>现场包 {package} 导出自数据结构版本 {found} 的工作空间,比本工作空间的 {known} 更新:请更新插件,或将其导入原工作空间</translation>
    </message>
    <message>
        <location filename="../../domain/field_package.py" line="128"/>
        <source>Package {package} was made from another workspace ({found}); import it into the workspace it came from</source>
        <translation>现场包 {package} 导出自另一个工作空间({found}):请将其导入原工作空间</translation>
    </message>
    <message>
        <location filename="../../domain/quota.py" line="172"/>
        <source>{field} in target row {row} is empty or not a number</source>
        <translation>目标表第 {row} 行的 {field} 为空或不是数字</translation>
    </message>
    <message>
        <location filename="../../domain/quota.py" line="180"/>
        <source>targets in rows {rows}: none used</source>
        <translation>目标表第 {rows} 行重复，均未采用</translation>
    </message>
    <message>
        <location filename="../../domain/dashboard.py" line="92"/>
        <source>{source} row {row}: unit {code} is not a county; the city&apos;s ranking compares counties</source>
        <translation>{source}第 {row} 行：单位 {code} 不是县；市级排名比较的是县</translation>
    </message>
    <message>
        <location filename="../../domain/dashboard.py" line="437"/>
        <source>The county units table has no county rows</source>
        <translation>县级单位表中没有县的行</translation>
    </message>
    <message>
        <location filename="../../domain/evidence_checks.py" line="102"/>
        <source>The evidence check parameters cannot be negative</source>
        <translation>举证核验参数不能为负数</translation>
    </message>
    <message>
        <location filename="../../domain/evidence_checks.py" line="104"/>
        <source>The half-angle of view must lie between 0° and 180°, the spread of directions between 0° and 360°</source>
        <translation>视锥半角须在 0° 到 180° 之间，方向覆盖范围须在 0° 到 360° 之间</translation>
    </message>
    <message>
        <location filename="../../domain/evidence_checks.py" line="426"/>
        <source>{distance} m from the patch</source>
        <translation>距图斑 {distance} 米</translation>
    </message>
    <message>
        <location filename="../../domain/evidence_checks.py" line="427"/>
        <source>Facing away from the patch</source>
        <translation>拍摄方向背离图斑</translation>
    </message>
    <message>
        <location filename="../../domain/evidence_checks.py" line="428"/>
        <source>No direction of view recorded</source>
        <translation>未记录拍摄方向</translation>
    </message>
    <message>
        <location filename="../../domain/evidence_checks.py" line="429"/>
        <source>Taken before the issue date {date}</source>
        <translation>早于下发日期 {date}</translation>
    </message>
    <message>
        <location filename="../../domain/evidence_checks.py" line="430"/>
        <source>Taken after the due date {date} (and {days} days of grace)</source>
        <translation>晚于完成期限 {date}（及 {days} 天宽限期）</translation>
    </message>
    <message>
        <location filename="../../domain/evidence_checks.py" line="431"/>
        <source>Taken after it was imported ({time})</source>
        <translation>拍摄时间晚于导入时间（{time}）</translation>
    </message>
    <message>
        <location filename="../../domain/evidence_checks.py" line="432"/>
        <source>Camera clock and GPS time differ by {minutes} min</source>
        <translation>相机时间与 GPS 时间相差 {minutes} 分钟</translation>
    </message>
    <message>
        <location filename="../../domain/evidence_checks.py" line="433"/>
        <source>GPS error {accuracy} m</source>
        <translation>GPS 误差 {accuracy} 米</translation>
    </message>
    <message>
        <location filename="../../domain/evidence_checks.py" line="434"/>
        <source>Same file as {other}</source>
        <translation>与 {other} 为同一文件</translation>
    </message>
    <message>
        <location filename="../../domain/evidence_checks.py" line="435"/>
        <source>Looks like {other}</source>
        <translation>与 {other} 画面相似</translation>
    </message>
    <message>
        <location filename="../../domain/evidence_checks.py" line="436"/>
        <source>Edited with {software}</source>
        <translation>经 {software} 编辑</translation>
    </message>
    <message>
        <location filename="../../domain/evidence_checks.py" line="438"/>
        <source>Facing away from the patch ({angle}° off)</source>
        <translation>拍摄方向背离图斑（偏离 {angle}°）</translation>
    </message>
    <message>
        <location filename="../../domain/evidence_checks.py" line="439"/>
        <source>Edited</source>
        <translation>经过编辑</translation>
    </message>
    <message>
        <location filename="../../domain/evidence_checks.py" line="440"/>
        <source>File changed since it was attached (SHA-256 differs)</source>
        <translation>附件后文件已被修改（SHA-256 不符）</translation>
    </message>
    <message>
        <location filename="../../domain/evidence_checks.py" line="442"/>
        <source>No photos</source>
        <translation>无举证照片</translation>
    </message>
    <message>
        <location filename="../../domain/evidence_checks.py" line="443"/>
        <source>Only {count} photos (at least {minimum})</source>
        <translation>仅 {count} 张照片（至少 {minimum} 张）</translation>
    </message>
    <message>
        <location filename="../../domain/evidence_checks.py" line="444"/>
        <source>Directions of view span only {spread}° (at least {minimum}°)</source>
        <translation>拍摄方向仅覆盖 {spread}°（至少 {minimum}°）</translation>
    </message>
    <message>
        <location filename="../../domain/task_table.py" line="65"/>
        <source>Task table definition {file}, {where}: {problem}</source>
        <translation>任务清单列定义 {file}，{where}：{problem}</translation>
    </message>
    <message>
        <location filename="../../domain/task_table.py" line="77"/>
        <source>&apos;{key}&apos; must be a non-empty text</source>
        <translation>“{key}”须为非空文本</translation>
    </message>
    <message>
        <location filename="../../domain/task_table.py" line="83"/>
        <source>expected an object with {keys}</source>
        <translation>应为含 {keys} 的对象</translation>
    </message>
    <message>
        <location filename="../../domain/task_table.py" line="86"/>
        <source>unknown entry &apos;{key}&apos; (known: {keys})</source>
        <translation>未知条目“{key}”（可用：{keys}）</translation>
    </message>
    <message>
        <location filename="../../domain/task_table.py" line="95"/>
        <source>&apos;values&apos; must be a list of non-empty texts (the measure values counted)</source>
        <translation>“values”须为非空文本的列表（计入该列的整改措施取值）</translation>
    </message>
    <message>
        <location filename="../../domain/task_table.py" line="98"/>
        <source>&apos;pbf&apos; must be true (patches on PBF only) or false (off PBF only)</source>
        <translation>“pbf”须为 true（仅永久基本农田上的图斑）或 false（仅永久基本农田外的图斑）</translation>
    </message>
    <message>
        <location filename="../../domain/task_table.py" line="103"/>
        <source>block {number}</source>
        <translation>第 {number} 块</translation>
    </message>
    <message>
        <location filename="../../domain/task_table.py" line="106"/>
        <source>block {number} ({name})</source>
        <translation>第 {number} 块（{name}）</translation>
    </message>
    <message>
        <location filename="../../domain/task_table.py" line="109"/>
        <source>&apos;subtotal&apos; must be true or false</source>
        <translation>“subtotal”须为 true 或 false</translation>
    </message>
    <message>
        <location filename="../../domain/task_table.py" line="112"/>
        <source>&apos;columns&apos; must be a non-empty list</source>
        <translation>“columns”须为非空列表</translation>
    </message>
    <message>
        <location filename="../../domain/task_table.py" line="125"/>
        <source>block {number} ({name}), column {column}</source>
        <translation>第 {number} 块（{name}）第 {column} 列</translation>
    </message>
    <message>
        <location filename="../../domain/task_table.py" line="129"/>
        <source>the value &apos;{value}&apos; is also counted in {other}; a patch must fall in one column</source>
        <translation>取值“{value}”也计入{other}；一个图斑只能计入一列</translation>
    </message>
    <message>
        <location filename="../../domain/task_table.py" line="139"/>
        <source>line {line}, column {column}</source>
        <translation>第 {line} 行第 {column} 列</translation>
    </message>
    <message>
        <location filename="../../domain/task_table.py" line="140"/>
        <source>not valid JSON ({error})</source>
        <translation>不是有效的 JSON（{error}）</translation>
    </message>
    <message>
        <location filename="../../domain/task_table.py" line="141"/>
        <source>top level</source>
        <translation>顶层</translation>
    </message>
    <message>
        <location filename="../../domain/task_table.py" line="145"/>
        <source>&apos;area&apos; must be one of {kinds}</source>
        <translation>“area”须为 {kinds} 之一</translation>
    </message>
    <message>
        <location filename="../../domain/task_table.py" line="148"/>
        <source>&apos;pbf_share&apos; must be a number above 0 and at most 1</source>
        <translation>“pbf_share”须为大于 0 且不大于 1 的数</translation>
    </message>
    <message>
        <location filename="../../domain/task_table.py" line="151"/>
        <source>&apos;blocks&apos; must be a non-empty list</source>
        <translation>“blocks”须为非空列表</translation>
    </message>
    <message>
        <location filename="../../domain/roles.py" line="19"/>
        <source>Reviewer (county)</source>
        <translation>审核员</translation>
    </message>
    <message>
        <location filename="../../domain/roles.py" line="20"/>
        <source>Field staff (township)</source>
        <translation>外业（乡镇）</translation>
    </message>
    <message>
        <location filename="../../domain/roles.py" line="62"/>
        <source>Now for {role}: {actions}</source>
        <translation>当前应由{role}操作：{actions}</translation>
    </message>
    <message>
        <location filename="../../domain/roles.py" line="67"/>
        <source>{action} is a step for the role “{role}”</source>
        <translation>“{action}”应由“{role}”角色操作</translation>
    </message>
    <message>
        <location filename="../../services/batch_steps.py" line="85"/>
        <source>Algorithm {name} not found</source>
        <translation>找不到算法 {name}</translation>
    </message>
    <message>
        <location filename="../../services/workspace_tables.py" line="133"/>
        <source>The cases of {path} have a CRS without an EPSG code; PostgreSQL needs one</source>
        <translation>{path} 中案件的坐标系没有 EPSG 代码；PostgreSQL 需要 EPSG 代码</translation>
    </message>
    <message>
        <location filename="../../services/county_inputs.py" line="116"/>
        <source>Cannot cut {file} to the county in {output}: {error}</source>
        <translation>无法将 {file} 按县裁切到 {output}：{error}</translation>
    </message>
    <message>
        <location filename="../../services/workspace_setup.py" line="49"/>
        <source>The workspace {location} has schema version {found}; this plugin knows version {known}</source>
        <translation>工作空间 {location} 的结构版本为 {found}；本插件支持的版本为 {known}</translation>
    </message>
    <message>
        <location filename="../../services/workspace_setup.py" line="97"/>
        <source>The group roles {roles} do not exist in the server of {location}, and your login {login} may not create roles. Run this tool with a login that has CREATEROLE (or a superuser), or ask the DBA to run: {sql}</source>
        <translation>{location} 所在服务器中不存在组角色 {roles}，且您的登录账号 {login} 无权创建角色。请使用具有 CREATEROLE 权限的账号（或超级用户）运行本工具，或请数据库管理员执行：{sql}</translation>
    </message>
    <message>
        <location filename="../../services/workspace_setup.py" line="113"/>
        <source>The server refused to set up the workspace in {location}: {error}. Creating the schema {schema} needs the owner of the database or a superuser; recording township logins an administrator (farmland_admin)</source>
        <translation>服务器拒绝在 {location} 中建立工作空间：{error}。创建模式 {schema} 需要数据库所有者或超级用户；登记乡镇账号需要管理员（farmland_admin）</translation>
    </message>
    <message>
        <location filename="../../services/workspace_setup.py" line="122"/>
        <source>The server refused to set up the workspace in {location}: {error}</source>
        <translation>服务器拒绝在 {location} 中建立工作空间：{error}</translation>
    </message>
    <message>
        <location filename="../../services/workspace_copy.py" line="78"/>
        <source>Copy a GeoPackage workspace into PostgreSQL, or a PostgreSQL one into a GeoPackage</source>
        <translation>请将 GeoPackage 工作空间复制到 PostgreSQL，或将 PostgreSQL 工作空间复制到 GeoPackage</translation>
    </message>
    <message>
        <location filename="../../services/workspace_copy.py" line="128"/>
        <source>{path} already exists: copy a workspace into a new GeoPackage file</source>
        <translation>{path} 已存在：请将工作空间复制到一个新的 GeoPackage 文件</translation>
    </message>
    <message>
        <location filename="../../services/workspace_copy.py" line="168"/>
        <source>Your login {login} sees only part of the workspace {location}: copy it with an administrator login (farmland_admin) or the owner of its schema</source>
        <translation>您的登录账号 {login} 只能看到工作空间 {location} 的一部分：请使用管理员账号（farmland_admin）或其模式的所有者复制</translation>
    </message>
    <message>
        <location filename="../../services/workspace_copy.py" line="199"/>
        <source>The workspace {location} keeps geometries in EPSG:{target}, the source in EPSG:{source}</source>
        <translation>工作空间 {location} 的几何坐标系为 EPSG:{target}，源工作空间为 EPSG:{source}</translation>
    </message>
    <message>
        <location filename="../../services/workspace_copy.py" line="207"/>
        <source>{location} already holds cases or codes of another workspace: copy into an empty one</source>
        <translation>{location} 已有另一个工作空间的案件或编码：请复制到空的工作空间</translation>
    </message>
    <message>
        <location filename="../../services/workspace_copy.py" line="242"/>
        <source>The group roles {roles} do not exist and your login {login} may not create roles: create the workspace in {location} first (createworkspace) with a login that may</source>
        <translation>组角色 {roles} 不存在，且您的登录账号 {login} 无权创建角色：请先用有此权限的账号在 {location} 建立工作空间（createworkspace）</translation>
    </message>
    <message>
        <location filename="../../services/workspace_copy.py" line="257"/>
        <source>{location} holds no workspace (schema farmland_grid)</source>
        <translation>{location} 中没有工作空间（模式 farmland_grid）</translation>
    </message>
    <message>
        <location filename="../../services/workspace_copy.py" line="259"/>
        <source>The workspace {location} has schema version {found}; this plugin copies version {known}</source>
        <translation>工作空间 {location} 的结构版本为 {found}；本插件只能复制版本 {known}</translation>
    </message>
    <message>
        <location filename="../../services/workspace_copy.py" line="290"/>
        <source>The copy into {location} differs from its source in {tables}; nothing was kept</source>
        <translation>复制到 {location} 的数据在 {tables} 中与源不一致；未保留任何内容</translation>
    </message>
    <message>
        <location filename="../../services/workspace_copy.py" line="306"/>
        <source>The server refused the copy into {location}: {error}. Copy with the owner of the schema farmland_grid (the login that created it) or a superuser</source>
        <translation>服务器拒绝复制到 {location}：{error}。请使用模式 farmland_grid 的所有者（建立它的登录账号）或超级用户复制</translation>
    </message>
    <message>
        <location filename="../../services/workspace_copy.py" line="314"/>
        <source>The server refused the copy with {location}: {error}</source>
        <translation>服务器拒绝了与 {location} 相关的复制：{error}</translation>
    </message>
    <message>
        <location filename="../../processing/workspace_parameter.py" line="20"/>
        <source>WORKSPACE is a GeoPackage file, or a shared PostgreSQL workspace typed into the same box: postgres:NAME (a connection saved in QGIS), service=NAME (pg_service.conf) or a postgresql:// URI. Passwords come from the connection&apos;s authentication configuration or the service file; one written in a URI is used but never logged.</source>
        <translation>WORKSPACE 为 GeoPackage 文件，或在同一输入框中填写的共享 PostgreSQL 工作空间：postgres:名称（QGIS 中保存的连接）、service=名称（pg_service.conf）或 postgresql:// URI。密码来自连接的认证配置或服务文件；写在 URI 中的密码会被使用，但绝不记入日志。</translation>
    </message>
    <message>
        <location filename="../../processing/workspace_parameter.py" line="25"/>
        <source>(a PostgreSQL location that cannot be read)</source>
        <translation>（无法识别的 PostgreSQL 连接）</translation>
    </message>
    <message>
        <location filename="../../store/pg_schema.py" line="249"/>
        <source>The PostgreSQL schema {schema} has no readable schema version</source>
        <translation>PostgreSQL 模式 {schema} 的结构版本无法读取</translation>
    </message>
    <message>
        <location filename="../../store/postgres.py" line="147"/>
        <source>read the roles of your login</source>
        <translation>读取您登录账号的角色</translation>
    </message>
    <message>
        <location filename="../../store/postgres.py" line="261"/>
        <source>issue cases</source>
        <translation>下发案件</translation>
    </message>
    <message>
        <location filename="../../store/postgres.py" line="295"/>
        <source>take the step {action} on case {case_id}</source>
        <translation>对案件 {case_id} 执行“{action}”</translation>
    </message>
    <message>
        <location filename="../../store/postgres.py" line="330"/>
        <source>add evidence to case {case_id}</source>
        <translation>为案件 {case_id} 添加举证材料</translation>
    </message>
    <message>
        <location filename="../../store/postgres.py" line="405"/>
        <source>The PostgreSQL database {location} holds no workspace: an administrator creates it with Create workspace (farmlandgrid:createworkspace)</source>
        <translation>PostgreSQL 数据库 {location} 中没有工作空间：请管理员用“建立工作空间”（farmlandgrid:createworkspace）创建</translation>
    </message>
    <message>
        <location filename="../../store/postgres.py" line="419"/>
        <source>The PostgreSQL database {location} holds no workspace, and your login {login} may not create it (it needs CREATE on the database): an administrator runs Create workspace (farmlandgrid:createworkspace)</source>
        <translation>PostgreSQL 数据库 {location} 中没有工作空间，您的登录账号 {login} 无权创建（需要该数据库的 CREATE 权限）：请管理员运行“建立工作空间”（farmlandgrid:createworkspace）</translation>
    </message>
    <message>
        <location filename="../../store/postgres.py" line="428"/>
        <source>The PostgreSQL server of {location} lacks the group roles {roles}, and your login {login} may not create roles: an administrator runs Create workspace (farmlandgrid:createworkspace)</source>
        <translation>{location} 的 PostgreSQL 服务器缺少组角色 {roles}，您的登录账号 {login} 无权创建角色：请管理员运行“建立工作空间”（farmlandgrid:createworkspace）</translation>
    </message>
    <message>
        <location filename="../../store/postgres.py" line="442"/>
        <source>The PostgreSQL workspace {location} has schema version {found}, which this plugin (version {known}) cannot use; update the plugin</source>
        <translation>PostgreSQL 工作空间 {location} 的结构版本为 {found}，本插件（版本 {known}）无法使用；请更新插件</translation>
    </message>
    <message>
        <location filename="../../store/postgres.py" line="458"/>
        <source>The CRS {crs} has no PostGIS SRID; choose an EPSG CRS for the workspace</source>
        <translation>坐标系 {crs} 没有 PostGIS SRID；请为工作空间选择一个 EPSG 坐标系</translation>
    </message>
    <message>
        <location filename="../../store/postgres.py" line="479"/>
        <source>open the workspace</source>
        <translation>打开工作空间</translation>
    </message>
    <message>
        <location filename="../../store/pg_registry.py" line="23"/>
        <source>assign space codes</source>
        <translation>赋地块空间码</translation>
    </message>
    <message>
        <location filename="../../store/pg_registry.py" line="24"/>
        <source>read the space-code registry</source>
        <translation>读取空间码登记表</translation>
    </message>
    <message>
        <location filename="../../store/pg_location.py" line="57"/>
        <source>Cannot connect to the PostgreSQL workspace {location}: {error}</source>
        <translation>无法连接 PostgreSQL 工作空间 {location}：{error}</translation>
    </message>
    <message>
        <location filename="../../store/pg_location.py" line="84"/>
        <source>{location} is no PostgreSQL connection QGIS or libpq understands: {error}</source>
        <translation>{location} 不是 QGIS 或 libpq 能识别的 PostgreSQL 连接：{error}</translation>
    </message>
    <message>
        <location filename="../../store/pg_location.py" line="113"/>
        <source>QGIS has no saved PostgreSQL connection named {name}</source>
        <translation>QGIS 中没有名为 {name} 的已保存 PostgreSQL 连接</translation>
    </message>
    <message>
        <location filename="../../store/pg_location.py" line="140"/>
        <source>{location}: QGIS has no usable authentication configuration {authcfg}</source>
        <translation>{location}：QGIS 中没有可用的认证配置 {authcfg}</translation>
    </message>
    <message>
        <location filename="../../store/pg_session.py" line="112"/>
        <source>Your login {login} may not {what} in the workspace {location}: {reason}</source>
        <translation>您的登录账号 {login} 无权在工作空间 {location} 中{what}：{reason}</translation>
    </message>
    <message>
        <location filename="../../store/pg_session.py" line="116"/>
        <source>The PostgreSQL server of the workspace {location} did not answer within {seconds} s while trying to {what}; nothing was changed. Try again</source>
        <translation>工作空间 {location} 的 PostgreSQL 服务器在 {seconds} 秒内未响应（{what}），未做任何更改。请重试</translation>
    </message>
    <message>
        <location filename="../../store/pg_session.py" line="125"/>
        <source>The workspace {location} is busy: another user is changing the same records, so it could not {what}; nothing was changed. Try again</source>
        <translation>工作空间 {location} 正忙：其他用户正在修改相同的记录，无法{what}，未做任何更改。请重试</translation>
    </message>
    <message>
        <location filename="../../store/pg_session.py" line="136"/>
        <source>The PostgreSQL workspace {location} refused to {what}: {reason}</source>
        <translation>PostgreSQL 工作空间 {location} 拒绝了操作（{what}）：{reason}</translation>
    </message>
    <message>
        <location filename="../../store/pg_session.py" line="139"/>
        <source>The PostgreSQL server of the workspace {location} did not answer while trying to {what} ({reason}). Try again</source>
        <translation>工作空间 {location} 的 PostgreSQL 服务器未响应（{what}，{reason}）。请重试</translation>
    </message>
    <message>
        <location filename="../../store/pg_session.py" line="153"/>
        <source>read the cases</source>
        <translation>读取案件</translation>
    </message>
    <message>
        <location filename="../../store/workspace.py" line="49"/>
        <source>The workspace {location} has no folder for photos: record one with createworkspace (FILES_FOLDER)</source>
        <translation>工作空间 {location} 没有照片文件夹：请用"建立工作空间"（FILES_FOLDER）登记一个</translation>
    </message>
    <message>
        <location filename="../../store/cases.py" line="51"/>
        <source>Case {case_id} was changed meanwhile: {actor} took the step {action} at {time}; it is now {status}. Nothing was done: look at it again</source>
        <translation>案件 {case_id} 已被他人改动：{actor} 于 {time} 执行了“{action}”，现状态为 {status}。本次操作未执行，请重新查看</translation>
    </message>
    <message>
        <location filename="../../domain/roles.py" line="21"/>
        <source>Viewer (read only)</source>
        <translation>查看者(只读)</translation>
    </message>
    <message>
        <location filename="../../domain/roles.py" line="60"/>
        <source>Read only: your login may look at the cases but take no step</source>
        <translation>只读:您的登录账号可以查看案件,但不能办理任何环节</translation>
    </message>
</context>
<context>
    <name>AssignSpaceCodesAlgorithm</name>
    <message>
        <location filename="../../processing/assign_space_codes.py" line="89"/>
        <source>Assign parcel space codes</source>
        <translation>地块赋码（一地一码）</translation>
    </message>
    <message>
        <location filename="../../processing/assign_space_codes.py" line="106"/>
        <source>Parcels (DLTB)</source>
        <translation>地类图斑（DLTB）</translation>
    </message>
    <message>
        <location filename="../../processing/assign_space_codes.py" line="109"/>
        <source>Location unit code field</source>
        <translation>坐落单位代码字段</translation>
    </message>
    <message>
        <location filename="../../processing/assign_space_codes.py" line="111"/>
        <source>Code non-farmland parcels too</source>
        <translation>非耕地图斑也赋码</translation>
    </message>
    <message>
        <location filename="../../processing/assign_space_codes.py" line="112"/>
        <source>Parcel identifier field</source>
        <translation>图斑标识字段</translation>
    </message>
    <message>
        <location filename="../../processing/assign_space_codes.py" line="118"/>
        <source>Previous space code field</source>
        <translation>上一年度地块空间码字段</translation>
    </message>
    <message>
        <location filename="../../processing/assign_space_codes.py" line="123"/>
        <source>Mutual overlap to keep a code (share of area)</source>
        <translation>沿用原码所需的相互重叠比例（面积占比）</translation>
    </message>
    <message>
        <location filename="../../processing/assign_space_codes.py" line="134"/>
        <source>Coded parcels</source>
        <translation>已赋码图斑</translation>
    </message>
    <message>
        <location filename="../../processing/assign_space_codes.py" line="135"/>
        <source>Code lineage</source>
        <translation>编码谱系</translation>
    </message>
    <message>
        <location filename="../../processing/assign_space_codes.py" line="138"/>
        <source>Parcels with a code</source>
        <translation>已赋码图斑数</translation>
    </message>
    <message>
        <location filename="../../processing/assign_space_codes.py" line="138"/>
        <source>Codes issued</source>
        <translation>新发编码数</translation>
    </message>
    <message>
        <location filename="../../processing/assign_space_codes.py" line="138"/>
        <source>Codes retired</source>
        <translation>注销编码数</translation>
    </message>
    <message>
        <location filename="../../processing/assign_space_codes.py" line="138"/>
        <source>Parcels rejected</source>
        <translation>拒绝赋码图斑数</translation>
    </message>
    <message>
        <location filename="../../processing/assign_space_codes.py" line="149"/>
        <source>The parcel layer could not be opened</source>
        <translation>无法打开地类图斑图层</translation>
    </message>
    <message>
        <location filename="../../processing/assign_space_codes.py" line="177"/>
        <source>Reading parcels…</source>
        <translation>正在读取图斑……</translation>
    </message>
    <message>
        <location filename="../../processing/assign_space_codes.py" line="203"/>
        <source>No workspace: codes retired in earlier runs are not known, only those in the previous layer</source>
        <translation>未指定工作空间：无法得知以往已注销的编码，仅参照上一年度图层</translation>
    </message>
    <message>
        <location filename="../../processing/assign_space_codes.py" line="249"/>
        <source>{0} codes of the previous layer were retired earlier and are not kept, e.g. {1}</source>
        <translation>上一年度图层中有 {0} 个编码此前已注销，不再沿用，例如 {1}</translation>
    </message>
    <message>
        <location filename="../../processing/assign_space_codes.py" line="256"/>
        <source>Assigning codes…</source>
        <translation>正在赋码……</translation>
    </message>
    <message>
        <location filename="../../processing/assign_space_codes.py" line="317"/>
        <source>{0}: {1} parcels</source>
        <translation>{0}：{1} 个图斑</translation>
    </message>
    <message>
        <location filename="../../processing/assign_space_codes.py" line="318"/>
        <source>Codes retired: {0}</source>
        <translation>注销编码：{0} 个</translation>
    </message>
    <message>
        <location filename="../../processing/assign_space_codes.py" line="322"/>
        <source>… and {0} more previous parcels without a valid code</source>
        <translation>……另有 {0} 个上一年度图斑没有有效编码</translation>
    </message>
    <message>
        <location filename="../../processing/assign_space_codes.py" line="92"/>
        <source>Gives every farmland parcel a space code (一地一码), its ID card: 12-digit village code, 3-digit villager group, 5-digit serial and a check character, 21 characters.

Give: the parcels (INPUT) with their location code (CODE_FIELD, ZLDWDM); for a yearly update, last year's coded parcels (PREVIOUS): a parcel that still covers its old place (THRESHOLD) keeps its code; a workspace GeoPackage (WORKSPACE), whose registry makes sure a retired code is never issued again.

Out come: the parcels with space_code and code_status (kept, new, split, merged, regrouped; rejected with the reason in code_note) (OUTPUT), and one row per code event (OUTPUT_LINEAGE).

Example: the first run numbers the parcels along the map, group by group; next year, with this year's output as PREVIOUS, a split parcel's pieces get new codes and its old code is retired.</source>
        <translation>为每个耕地图斑赋予空间编码（一地一码），相当于图斑的身份证：12 位行政村代码、3 位村民小组、5 位顺序号和 1 位校验码，共 21 位。

需提供：地类图斑（INPUT）及其坐落单位代码（CODE_FIELD，ZLDWDM）；年度更新时提供上年已编码图斑（PREVIOUS）：仍覆盖原位置（THRESHOLD）的图斑沿用原编码；工作空间 GeoPackage（WORKSPACE），其编码登记簿确保已注销的编码不再启用。

输出：带 space_code 和 code_status（沿用、新增、分割、合并、调组；无法编码的为拒绝，原因见 code_note）的图斑（OUTPUT），以及每次编码变更一行的编码谱系（OUTPUT_LINEAGE）。

示例：首次运行按地图顺序逐组编号；次年以本年输出作为 PREVIOUS，被分割图斑的各部分获得新编码，原编码注销。</translation>
    </message>
    <message>
        <location filename="../../processing/assign_space_codes.py" line="113"/>
        <source>Previous coded parcels</source>
        <translation>上一年度已赋码图斑</translation>
    </message>
    <message>
        <location filename="../../processing/assign_space_codes.py" line="313"/>
        <source>… and {0} more repeated parcel identifiers</source>
        <translation>……另有 {0} 个重复的图斑标识码</translation>
    </message>
    <message>
        <location filename="../../processing/assign_space_codes.py" line="133"/>
        <source>Workspace with the code registry (GeoPackage created if missing)</source>
        <translation>含编码登记表的工作空间（GeoPackage 不存在时新建）</translation>
    </message>
</context>
<context>
    <name>CaseDetails</name>
    <message>
        <location filename="../../ui/review_details.py" line="55"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/review_details.py" line="55"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../ui/review_details.py" line="55"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/review_details.py" line="55"/>
        <source>Actor</source>
        <translation>办理人</translation>
    </message>
    <message>
        <location filename="../../ui/review_details.py" line="55"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/review_details.py" line="128"/>
        <source>due {date}</source>
        <translation>截止 {date}</translation>
    </message>
    <message>
        <location filename="../../ui/review_details.py" line="134"/>
        <source>Verdict: {verdict}</source>
        <translation>认定：{verdict}</translation>
    </message>
    <message>
        <location filename="../../ui/review_details.py" line="136"/>
        <source>Rectification: {text}</source>
        <translation>整改：{text}</translation>
    </message>
    <message>
        <location filename="../../ui/review_details.py" line="140"/>
        <source>Parcel space code: {codes}</source>
        <translation>地块空间码：{codes}</translation>
    </message>
    <message>
        <location filename="../../ui/review_details.py" line="142"/>
        <source>Parcel space code: none recorded with the evidence</source>
        <translation>地块空间码：举证材料中未记录</translation>
    </message>
    <message>
        <location filename="../../ui/review_details.py" line="144"/>
        <source>No evidence photos yet</source>
        <translation>尚无举证照片</translation>
    </message>
    <message>
        <location filename="../../ui/review_details.py" line="157"/>
        <source>Shortcut: {key}</source>
        <translation>快捷键：{key}</translation>
    </message>
    <message>
        <location filename="../../ui/review_details.py" line="119"/>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <location filename="../../ui/review_details.py" line="120"/>
        <source>Photos ({count})</source>
        <translation>照片（{count}）</translation>
    </message>
    <message>
        <location filename="../../ui/review_details.py" line="121"/>
        <source>History ({count})</source>
        <translation>办理记录（{count}）</translation>
    </message>
</context>
<context>
    <name>CaseFlags</name>
    <message>
        <location filename="../../ui/review_models.py" line="286"/>
        <source>{count} photos flagged</source>
        <translation>{count} 张照片有标记</translation>
    </message>
    <message>
        <location filename="../../ui/review_flags.py" line="89"/>
        <source>Evidence checks: {flags}</source>
        <translation>举证核验：{flags}</translation>
    </message>
    <message>
        <location filename="../../ui/review_models.py" line="294"/>
        <source>Flags then: {flags}</source>
        <translation>当时标记：{flags}</translation>
    </message>
    <message>
        <location filename="../../ui/review_flags.py" line="64"/>
        <source>{count} of {total} photos flagged</source>
        <translation>{total} 张照片中 {count} 张有标记</translation>
    </message>
    <message>
        <location filename="../../ui/review_flags.py" line="68"/>
        <source>{count} photos attached before the checks existed (not checked)</source>
        <translation>{count} 张照片附加于核验功能之前（未核验）</translation>
    </message>
    <message>
        <location filename="../../ui/review_flags.py" line="86"/>
        <source>Changed since attached: {files}</source>
        <translation>附件后已修改：{files}</translation>
    </message>
    <message>
        <location filename="../../ui/review_flags.py" line="92"/>
        <source>Evidence checks: no flags</source>
        <translation>举证核验：无标记</translation>
    </message>
    <message>
        <location filename="../../ui/review_flags.py" line="104"/>
        <source>The case has evidence flags ({flags}). Why do you approve it?</source>
        <translation>该案件有举证核验标记（{flags}）。为何仍审核通过？</translation>
    </message>
    <message>
        <location filename="../../ui/review_flags.py" line="108"/>
        <source>Case {case_id} has evidence flags: approving it needs a note saying why</source>
        <translation>案件 {case_id} 有举证核验标记：审核通过须填写说明</translation>
    </message>
    <message>
        <location filename="../../ui/review_flags.py" line="120"/>
        <source>Flagged only</source>
        <translation>仅有标记</translation>
    </message>
    <message>
        <location filename="../../ui/review_flags.py" line="122"/>
        <source>Only the cases whose evidence checks found something (举证核验)</source>
        <translation>只显示举证核验发现问题的案件</translation>
    </message>
</context>
<context>
    <name>CountyStepsAlgorithm</name>
    <message>
        <location filename="../../processing/county_steps.py" line="28"/>
        <source>One county&apos;s batch steps (internal)</source>
        <translation>单县批处理步骤（内部）</translation>
    </message>
    <message>
        <location filename="../../processing/county_steps.py" line="31"/>
        <source>Used by the batch (runcounties) for its own workers: runs the steps of one county listed in STEPS (a file the batch writes: each step&apos;s algorithm, parameters and log) one after another in this process, each as its qgis_process line in the job list would run it.

Out comes SUCCEEDED, the number of steps that ran to their end; each step writes its own outputs and log.

Example: a county&apos;s grid, codes and quota with QGIS started once instead of three times.</source>
        <translation>供多县批处理（runcounties）的内置工作进程使用：在本进程中依次运行 STEPS 所列的一个县的各步骤（批处理写出的文件：每步的算法、参数和日志），每步的运行方式与任务清单中该步的 qgis_process 命令行相同。

输出 SUCCEEDED：运行完成的步骤数；每步各自写出其结果和日志。

示例：一个县的网格、赋码和指标核算只启动一次 QGIS，而不是三次。</translation>
    </message>
    <message>
        <location filename="../../processing/county_steps.py" line="40"/>
        <source>Steps of the county (JSON)</source>
        <translation>该县的步骤（JSON）</translation>
    </message>
    <message>
        <location filename="../../processing/county_steps.py" line="41"/>
        <source>Steps that succeeded</source>
        <translation>成功的步骤数</translation>
    </message>
    <message>
        <location filename="../../processing/county_steps.py" line="51"/>
        <source>Step {0} of {1}: {2}</source>
        <translation>第 {0}/{1} 步：{2}</translation>
    </message>
</context>
<context>
    <name>Coverages</name>
    <message>
        <location filename="../../services/coverages.py" line="66"/>
        <source>{0}: {1} parcels have no usable {2}; their ellipsoidal area is used</source>
        <translation>{0}：{1} 个图斑的 {2} 不可用；改用其椭球面积</translation>
    </message>
    <message>
        <location filename="../../services/coverages.py" line="77"/>
        <source>{0}: {1} parcels have no geometry and are left out of the overlay</source>
        <translation>{0}：{1} 个图斑无几何，不参与叠加</translation>
    </message>
</context>
<context>
    <name>CreateWorkspaceAlgorithm</name>
    <message>
        <location filename="../../processing/create_workspace.py" line="57"/>
        <source>Create workspace</source>
        <translation>建立工作空间</translation>
    </message>
    <message>
        <location filename="../../processing/create_workspace.py" line="60"/>
        <source>Creates the workspace of a county office (建立工作空间): cases, case events, evidence and the code registry, in a PostgreSQL database with PostGIS where several people work at once, each with the rights the server gives their login. Running it again completes what is missing and changes nothing else.

Give: the database (WORKSPACE), the CRS of the case geometries (CRS, default EPSG:4490 CGCS2000), the shared folder where the evidence photos are kept (FILES_FOLDER, as every user's computer reaches it) and, optionally, which login acts for which township (TOWNSHIP_LOGINS: rows of login and 9-digit township code). Run it with a login that may create roles (or a superuser) the first time: it creates the group roles farmland_admin, farmland_reviewer, farmland_township and farmland_viewer and says which it created.

Adding a person is then three lines of SQL for the DBA:
CREATE ROLE wang_li LOGIN PASSWORD '…';
GRANT farmland_township TO wang_li;
INSERT INTO farmland_grid.township_logins VALUES ('wang_li', '530102001');

Out come the schema version, whether the workspace was created, the roles created and the township logins added. A GeoPackage WORKSPACE is simply created (one user; photos beside the file).</source>
        <translation>建立县级单位的工作空间（建立工作空间）：案件、案件环节记录、举证和编码登记表，存放在带 PostGIS 的 PostgreSQL 数据库中，多人可同时工作，各自的权限由服务器按登录账号授予。再次运行只补齐缺少的部分，其余不变。

输入：数据库（WORKSPACE）、案件几何的坐标系（CRS，默认 EPSG:4490 CGCS2000）、存放举证照片的共享文件夹（FILES_FOLDER，填写各用户电脑访问它的路径），以及可选的乡镇账号对应关系（TOWNSHIP_LOGINS：每行为账号和 9 位乡镇代码）。首次运行请使用可创建角色的账号（或超级用户）：它会创建组角色 farmland_admin、farmland_reviewer、farmland_township 和 farmland_viewer，并说明新建了哪些。

此后增加一名人员，数据库管理员只需三行 SQL：
CREATE ROLE wang_li LOGIN PASSWORD '…';
GRANT farmland_township TO wang_li;
INSERT INTO farmland_grid.township_logins VALUES ('wang_li', '530102001');

输出：结构版本、是否新建了工作空间、新建的角色和新增的乡镇账号。WORKSPACE 为 GeoPackage 时直接新建（单用户；照片放在文件旁边）。</translation>
    </message>
    <message>
        <location filename="../../processing/create_workspace.py" line="82"/>
        <source>Workspace (PostgreSQL database, or a new GeoPackage)</source>
        <translation>工作空间（PostgreSQL 数据库，或新的 GeoPackage）</translation>
    </message>
    <message>
        <location filename="../../processing/create_workspace.py" line="84"/>
        <source>CRS of the case geometries</source>
        <translation>案件几何的坐标系</translation>
    </message>
    <message>
        <location filename="../../processing/create_workspace.py" line="85"/>
        <source>Shared folder of the evidence photos</source>
        <translation>举证照片共享文件夹</translation>
    </message>
    <message>
        <location filename="../../processing/create_workspace.py" line="88"/>
        <source>Where imported photos are copied and relative evidence paths resolve, as users reach it.</source>
        <translation>导入的照片复制到此处，相对举证路径也以此为准（填写用户电脑访问它的路径）。</translation>
    </message>
    <message>
        <location filename="../../processing/create_workspace.py" line="90"/>
        <source>Township logins</source>
        <translation>乡镇登录账号</translation>
    </message>
    <message>
        <location filename="../../processing/create_workspace.py" line="90"/>
        <source>Login</source>
        <translation>登录账号</translation>
    </message>
    <message>
        <location filename="../../processing/create_workspace.py" line="90"/>
        <source>Township code</source>
        <translation>乡镇代码</translation>
    </message>
    <message>
        <location filename="../../processing/create_workspace.py" line="93"/>
        <source>Which township each township login may see and act for (one row per login and township).</source>
        <translation>每个乡镇账号可查看和办理哪个乡镇的案件（每行一个账号和一个乡镇）。</translation>
    </message>
    <message>
        <location filename="../../processing/create_workspace.py" line="95"/>
        <source>Workspace schema version</source>
        <translation>工作空间结构版本</translation>
    </message>
    <message>
        <location filename="../../processing/create_workspace.py" line="96"/>
        <source>Workspace created by this run</source>
        <translation>本次运行新建了工作空间</translation>
    </message>
    <message>
        <location filename="../../processing/create_workspace.py" line="97"/>
        <source>Group roles created</source>
        <translation>新建的组角色</translation>
    </message>
    <message>
        <location filename="../../processing/create_workspace.py" line="98"/>
        <source>Township logins added</source>
        <translation>新增的乡镇账号</translation>
    </message>
    <message>
        <location filename="../../processing/create_workspace.py" line="103"/>
        <source>Choose the workspace: a PostgreSQL database (postgres:NAME, service=NAME, URI) or a GeoPackage</source>
        <translation>请选择工作空间：PostgreSQL 数据库（postgres:名称、service=名称、URI）或 GeoPackage</translation>
    </message>
    <message>
        <location filename="../../processing/create_workspace.py" line="107"/>
        <source>Choose a CRS with an EPSG code for a PostgreSQL workspace (such as EPSG:4490)</source>
        <translation>PostgreSQL 工作空间请选择有 EPSG 代码的坐标系（如 EPSG:4490）</translation>
    </message>
    <message>
        <location filename="../../processing/create_workspace.py" line="110"/>
        <source>The folder of the evidence photos {0} does not exist</source>
        <translation>举证照片文件夹 {0} 不存在</translation>
    </message>
    <message>
        <location filename="../../processing/create_workspace.py" line="118"/>
        <source>Township logins: give a township code for every login (a row is login, township code)</source>
        <translation>乡镇登录账号：请为每个账号填写乡镇代码（每行为账号、乡镇代码）</translation>
    </message>
    <message>
        <location filename="../../processing/create_workspace.py" line="122"/>
        <source>Township logins, row {0}: {1!r} is not a login name (letters, digits, _)</source>
        <translation>乡镇登录账号第 {0} 行：{1!r} 不是有效的账号名（字母、数字、_）</translation>
    </message>
    <message>
        <location filename="../../processing/create_workspace.py" line="124"/>
        <source>Township logins, row {0}: {1!r} is not a 9-digit township code</source>
        <translation>乡镇登录账号第 {0} 行：{1!r} 不是 9 位乡镇代码</translation>
    </message>
    <message>
        <location filename="../../processing/create_workspace.py" line="131"/>
        <source>A GeoPackage workspace has no logins and keeps its photos beside the file</source>
        <translation>GeoPackage 工作空间没有登录账号，照片保存在文件旁边</translation>
    </message>
    <message>
        <location filename="../../processing/create_workspace.py" line="138"/>
        <source>Workspace created in {0} (schema version {1})</source>
        <translation>已在 {0} 中建立工作空间（结构版本 {1}）</translation>
    </message>
    <message>
        <location filename="../../processing/create_workspace.py" line="140"/>
        <source>{0} already held the workspace (schema version {1})</source>
        <translation>{0} 中已有工作空间（结构版本 {1}）</translation>
    </message>
    <message>
        <location filename="../../processing/create_workspace.py" line="145"/>
        <source>Group roles created: {0}</source>
        <translation>已新建组角色：{0}</translation>
    </message>
    <message>
        <location filename="../../processing/create_workspace.py" line="145"/>
        <source>The group roles existed already</source>
        <translation>组角色已存在</translation>
    </message>
    <message>
        <location filename="../../processing/create_workspace.py" line="149"/>
        <source>Township login {0} acts for township {1}</source>
        <translation>乡镇账号 {0} 负责乡镇 {1}</translation>
    </message>
    <message>
        <location filename="../../processing/create_workspace.py" line="151"/>
        <source>{0} is no login of the server yet: CREATE ROLE {0} LOGIN; GRANT farmland_township TO {0};</source>
        <translation>服务器中尚无登录账号 {0}：CREATE ROLE {0} LOGIN; GRANT farmland_township TO {0};</translation>
    </message>
</context>
<context>
    <name>DashboardDock</name>
    <message>
        <location filename="../../ui/dashboard_dock.py" line="384"/>
        <source>Farmland protection dashboard</source>
        <translation>耕地保护驾驶舱</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_dock.py" line="245"/>
        <source>patrolcoverage&apos;s township monthly summary</source>
        <translation>patrolcoverage 输出的乡镇月度巡田汇总</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_dock.py" line="246"/>
        <source>Patrol summary</source>
        <translation>巡田汇总</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_dock.py" line="247"/>
        <source>quotaoverlay&apos;s units at township level</source>
        <translation>quotaoverlay 输出的乡镇级指标核算结果</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_dock.py" line="248"/>
        <source>Units against targets</source>
        <translation>单位目标核算</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_dock.py" line="252"/>
        <source>Case workspace</source>
        <translation>案件工作空间</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_dock.py" line="254"/>
        <source>Tick the yearly parcel (DLTB) layers; the year is the first 19xx/20xx number in the layer name</source>
        <translation>勾选各年度地类图斑（DLTB）图层；年份取图层名中第一个 19xx/20xx 数字</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_dock.py" line="258"/>
        <source>Yearly parcel layers</source>
        <translation>年度地类图斑图层</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_dock.py" line="260"/>
        <source>empty: ellipsoidal area</source>
        <translation>留空：椭球面积</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_dock.py" line="261"/>
        <source>Parcel area field (m²)</source>
        <translation>地块面积字段（平方米）</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_dock.py" line="265"/>
        <source>Cases overdue as of</source>
        <translation>案件逾期判定日期</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_dock.py" line="269"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_dock.py" line="270"/>
        <source>Collect the figures from the inputs (in the background)</source>
        <translation>从输入数据统计各项指标（后台运行）</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_dock.py" line="272"/>
        <source>Export report…</source>
        <translation>导出报告…</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_dock.py" line="273"/>
        <source>Write the dashboard as an HTML and PDF report with the same inputs</source>
        <translation>用相同输入将驾驶舱导出为 HTML 和 PDF 报告</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_dock.py" line="386"/>
        <source>Collecting the figures…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_dock.py" line="402"/>
        <source>The dashboard was not refreshed: cancelled</source>
        <translation>驾驶舱未刷新：已取消</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_dock.py" line="438"/>
        <source>Figures as of {date}</source>
        <translation>数据截至 {date}</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_dock.py" line="417"/>
        <source>The dashboard charts need matplotlib ({0}); on Debian/Ubuntu install python3-matplotlib</source>
        <translation>驾驶舱图表需要 Python 包 matplotlib（{0}）；Debian/Ubuntu 请安装 python3-matplotlib</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_dock.py" line="242"/>
        <source>Inputs</source>
        <translation>输入</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_dock.py" line="249"/>
        <source>farmlandbalance&apos;s balance per unit, at township level</source>
        <translation>耕地平衡（farmlandbalance）乡镇级各单位平衡表</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_dock.py" line="250"/>
        <source>Townships&apos; farmland balances</source>
        <translation>各乡镇耕地平衡</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_dock.py" line="482"/>
        <source>Open in a window</source>
        <translation>在窗口中打开</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_dock.py" line="276"/>
        <source>Show the dashboard in a large window of its own; press again to dock it</source>
        <translation>在单独的大窗口中显示驾驶舱；再按一次停靠回去</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard_dock.py" line="482"/>
        <source>Dock again</source>
        <translation>停靠回去</translation>
    </message>
</context>
<context>
    <name>DashboardInputs</name>
    <message>
        <location filename="../../services/dashboard_inputs.py" line="102"/>
        <source>patrol summary {0}</source>
        <translation>巡田汇总 {0}</translation>
    </message>
    <message>
        <location filename="../../services/dashboard_inputs.py" line="104"/>
        <source>units {0}</source>
        <translation>指标核算 {0}</translation>
    </message>
    <message>
        <location filename="../../services/dashboard_inputs.py" line="110"/>
        <source>case workspace {0}</source>
        <translation>案件工作空间 {0}</translation>
    </message>
    <message>
        <location filename="../../services/dashboard_inputs.py" line="112"/>
        <source>parcels {0} ({1})</source>
        <translation>地块 {0}（{1}）</translation>
    </message>
    <message>
        <location filename="../../services/dashboard_inputs.py" line="154"/>
        <source>Reading the patrol summary…</source>
        <translation>正在读取巡田汇总…</translation>
    </message>
    <message>
        <location filename="../../services/dashboard_inputs.py" line="158"/>
        <source>Reading the units table…</source>
        <translation>正在读取指标核算表…</translation>
    </message>
    <message>
        <location filename="../../services/dashboard_inputs.py" line="162"/>
        <source>Reading the cases…</source>
        <translation>正在读取案件…</translation>
    </message>
    <message>
        <location filename="../../services/dashboard_inputs.py" line="169"/>
        <source>Farmland per township in {0} (year {1})…</source>
        <translation>正在统计 {0}（{1}）各乡镇耕地…</translation>
    </message>
    <message>
        <location filename="../../services/dashboard_inputs.py" line="106"/>
        <source>balance {0}</source>
        <translation>平衡表 {0}</translation>
    </message>
    <message>
        <location filename="../../services/dashboard_inputs.py" line="193"/>
        <source>Reading the balance table…</source>
        <translation>正在读取平衡表…</translation>
    </message>
    <message>
        <location filename="../../services/dashboard_inputs.py" line="198"/>
        <source>Farmland flows between the years…</source>
        <translation>正在计算年度间耕地流向…</translation>
    </message>
</context>
<context>
    <name>DashboardReportAlgorithm</name>
    <message>
        <location filename="../../processing/dashboard_report.py" line="162"/>
        <source>Dashboard report</source>
        <translation>驾驶舱报告</translation>
    </message>
    <message>
        <location filename="../../processing/dashboard_report.py" line="128"/>
        <source>Yearly parcel layers (DLTB) for the trend</source>
        <translation>用于趋势分析的年度地类图斑图层（DLTB）</translation>
    </message>
    <message>
        <location filename="../../processing/dashboard_report.py" line="137"/>
        <source>Location unit code field of the parcels</source>
        <translation>地块坐落单位代码字段</translation>
    </message>
    <message>
        <location filename="../../processing/dashboard_report.py" line="137"/>
        <source>Land class field of the parcels</source>
        <translation>地块地类编码字段</translation>
    </message>
    <message>
        <location filename="../../processing/dashboard_report.py" line="142"/>
        <source>Farmland land classes (comma separated)</source>
        <translation>耕地地类（逗号分隔）</translation>
    </message>
    <message>
        <location filename="../../processing/dashboard_report.py" line="147"/>
        <source>Area field of the parcels in m² (empty: ellipsoidal area)</source>
        <translation>地块面积字段，平方米（留空：椭球面积）</translation>
    </message>
    <message>
        <location filename="../../processing/dashboard_report.py" line="157"/>
        <source>Cases overdue as of (empty: today)</source>
        <translation>案件逾期判定日期（留空：今天）</translation>
    </message>
    <message>
        <location filename="../../processing/dashboard_report.py" line="162"/>
        <source>HTML (*.html)</source>
        <translation>HTML 文件 (*.html)</translation>
    </message>
    <message>
        <location filename="../../processing/dashboard_report.py" line="165"/>
        <source>Dashboard report as PDF</source>
        <translation>驾驶舱报告 PDF</translation>
    </message>
    <message>
        <location filename="../../processing/dashboard_report.py" line="165"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../processing/dashboard_report.py" line="170"/>
        <source>Townships</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <location filename="../../processing/dashboard_report.py" line="178"/>
        <source>{0} is not a vector layer of parcels</source>
        <translation>{0} 不是地块矢量图层</translation>
    </message>
    <message>
        <location filename="../../processing/dashboard_report.py" line="213"/>
        <source>Drawing the charts…</source>
        <translation>正在绘制图表…</translation>
    </message>
    <message>
        <location filename="../../processing/dashboard_report.py" line="228"/>
        <source>Writing the PDF…</source>
        <translation>正在写入 PDF…</translation>
    </message>
    <message>
        <location filename="../../processing/dashboard_report.py" line="83"/>
        <source>The county's dashboard (驾驶舱) as a report to print or send: patrols, cases, farmland and permanent basic farmland against targets, the farmland balances and the farmland trend, per township, each as a chart with a table of the exact figures.

Give at least one input: the township patrol summary of the patrol coverage tool, the township units of the quota overlay, the case workspace, the township balances of the farmland balance tool (BALANCE), or two or more yearly parcel (DLTB) layers for the trend (the year is read from the layer name, e.g. dltb_2025).

Out comes one HTML file with the charts inside and, if asked for, the same report as an A4 PDF.

Example: the patrol summary and the units of March, the workspace, cases overdue as of 2026-03-31.</source>
        <translation>将全县驾驶舱输出为可打印或发送的报告：巡田、案件、耕地和永久基本农田与目标对比、耕地平衡和耕地变化趋势，按乡镇统计，各有图表及精确数字的表格。

至少提供一项输入：巡田覆盖工具的乡镇汇总、指标叠加分析的乡镇单位、案件工作空间、耕地平衡工具的乡镇平衡表（BALANCE），或用于趋势的两个及以上年度地类图斑图层（年份取自图层名，如 dltb_2025）。

输出：一个内嵌图表的 HTML 文件，如有需要，另附同样内容的 A4 PDF。

示例：三月的巡田汇总和单位表、工作空间，案件逾期截至 2026-03-31。</translation>
    </message>
    <message>
        <location filename="../../processing/dashboard_report.py" line="92"/>
        <source>

City or prefecture: give the inputs of all its counties (townships of several counties) and, for the counties&apos; targets, the county units of the quota overlay (COUNTY_UNITS, at LEVEL county). The report then ranks the counties as it ranks townships: patrol rate, cases per status and overdue, farmland and PBF completion, each ranked best first.</source>
        <translation>

市/州：输入所辖各县的数据（多个县的乡镇），并输入指标核算的县级单位（COUNTY_UNITS，LEVEL为县）作为各县目标。报告随后像乡镇排名一样对各县排名：巡田率、各状态及逾期案件、耕地和永久基本农田完成率，均由好到差排列。</translation>
    </message>
    <message>
        <location filename="../../processing/dashboard_report.py" line="101"/>
        <source>Patrol summary per township and month</source>
        <translation>乡镇逐月巡田汇总</translation>
    </message>
    <message>
        <location filename="../../processing/dashboard_report.py" line="109"/>
        <source>Townships against targets</source>
        <translation>乡镇目标完成情况</translation>
    </message>
    <message>
        <location filename="../../processing/dashboard_report.py" line="114"/>
        <source>Townships&apos; farmland balances</source>
        <translation>各乡镇耕地平衡</translation>
    </message>
    <message>
        <location filename="../../processing/dashboard_report.py" line="119"/>
        <source>Counties against targets (for the city&apos;s ranking)</source>
        <translation>各县目标完成情况（用于市级排名）</translation>
    </message>
    <message>
        <location filename="../../processing/dashboard_report.py" line="171"/>
        <source>Counties ranked</source>
        <translation>各县排名</translation>
    </message>
    <message>
        <location filename="../../processing/dashboard_report.py" line="127"/>
        <source>Case workspace</source>
        <translation>案件工作空间</translation>
    </message>
</context>
<context>
    <name>DecomposeTargetsAlgorithm</name>
    <message>
        <location filename="../../processing/decompose_targets.py" line="87"/>
        <source>Decompose targets</source>
        <translation>目标任务分解</translation>
    </message>
    <message>
        <location filename="../../processing/decompose_targets.py" line="103"/>
        <source>Parcels (DLTB)</source>
        <translation>地类图斑（DLTB）</translation>
    </message>
    <message>
        <location filename="../../processing/decompose_targets.py" line="106"/>
        <source>Location unit code field</source>
        <translation>坐落单位代码字段</translation>
    </message>
    <message>
        <location filename="../../processing/decompose_targets.py" line="109"/>
        <source>Unit name field</source>
        <translation>单位名称字段</translation>
    </message>
    <message>
        <location filename="../../processing/decompose_targets.py" line="110"/>
        <source>Targets table</source>
        <translation>目标表</translation>
    </message>
    <message>
        <location filename="../../processing/decompose_targets.py" line="111"/>
        <source>Target unit code field</source>
        <translation>目标单位代码字段</translation>
    </message>
    <message>
        <location filename="../../processing/decompose_targets.py" line="111"/>
        <source>Farmland target field (亩)</source>
        <translation>耕地保有量目标字段（亩）</translation>
    </message>
    <message>
        <location filename="../../processing/decompose_targets.py" line="111"/>
        <source>PBF target field (亩)</source>
        <translation>永久基本农田目标字段（亩）</translation>
    </message>
    <message>
        <location filename="../../processing/decompose_targets.py" line="111"/>
        <source>Target unit name field</source>
        <translation>目标单位名称字段</translation>
    </message>
    <message>
        <location filename="../../processing/decompose_targets.py" line="118"/>
        <source>Decompose down to</source>
        <translation>分解到</translation>
    </message>
    <message>
        <location filename="../../processing/decompose_targets.py" line="118"/>
        <source>Townships</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <location filename="../../processing/decompose_targets.py" line="118"/>
        <source>Administrative villages</source>
        <translation>行政村</translation>
    </message>
    <message>
        <location filename="../../processing/decompose_targets.py" line="118"/>
        <source>Villager groups</source>
        <translation>村民小组</translation>
    </message>
    <message>
        <location filename="../../processing/decompose_targets.py" line="126"/>
        <source>Code prefix lengths of county, township, village, group</source>
        <translation>县、乡镇、村、组的代码前缀长度</translation>
    </message>
    <message>
        <location filename="../../processing/decompose_targets.py" line="131"/>
        <source>Decomposed targets</source>
        <translation>分解后的目标</translation>
    </message>
    <message>
        <location filename="../../processing/decompose_targets.py" line="136"/>
        <source>The parcel layer could not be opened</source>
        <translation>无法打开地类图斑图层</translation>
    </message>
    <message>
        <location filename="../../processing/decompose_targets.py" line="170"/>
        <source>Reading parcels…</source>
        <translation>正在读取图斑……</translation>
    </message>
    <message>
        <location filename="../../processing/decompose_targets.py" line="188"/>
        <source>{0} farmland parcels have no usable area in {1} and count as 0 亩 (feature ids: {2})</source>
        <translation>{0} 个耕地图斑的 {1} 不可用，按 0 亩计（要素号：{2}）</translation>
    </message>
    <message>
        <location filename="../../processing/decompose_targets.py" line="198"/>
        <source>{0} parcels with unit code {1!r} are left out: {2}</source>
        <translation>单位代码为 {1!r} 的 {0} 个图斑未计入：{2}</translation>
    </message>
    <message>
        <location filename="../../processing/decompose_targets.py" line="202"/>
        <source>… and {0} more unusable unit codes</source>
        <translation>……另有 {0} 个不可用的单位代码</translation>
    </message>
    <message>
        <location filename="../../processing/decompose_targets.py" line="207"/>
        <source>Decomposing targets…</source>
        <translation>正在分解目标……</translation>
    </message>
    <message>
        <location filename="../../processing/decompose_targets.py" line="212"/>
        <source>No target row could be used; the warnings above say why</source>
        <translation>目标表中没有可用的行；原因见上面的警告</translation>
    </message>
    <message>
        <location filename="../../processing/decompose_targets.py" line="141"/>
        <source>The targets table could not be opened</source>
        <translation>无法打开目标表</translation>
    </message>
    <message>
        <location filename="../../processing/decompose_targets.py" line="145"/>
        <source>Name the farmland target field, the PBF target field or both</source>
        <translation>请指定耕地保有量目标字段、永久基本农田目标字段或两者</translation>
    </message>
    <message>
        <location filename="../../processing/decompose_targets.py" line="251"/>
        <source>Target row {0} is skipped: {1}</source>
        <translation>目标表第 {0} 行已跳过：{1}</translation>
    </message>
    <message>
        <location filename="../../processing/decompose_targets.py" line="256"/>
        <source>Target row {0} ({1}) is skipped: {2} {3!r} is not a number of 亩 of zero or more</source>
        <translation>目标表第 {0} 行（{1}）已跳过：{2} 的值 {3!r} 不是大于等于零的亩数</translation>
    </message>
    <message>
        <location filename="../../processing/decompose_targets.py" line="277"/>
        <source>Level {0} ({1}): {2} units, farmland target {3:.2f} 亩, PBF target {4:.2f} 亩</source>
        <translation>第 {0} 级（{1}）：{2} 个单位，耕地保有量目标 {3:.2f} 亩，永久基本农田目标 {4:.2f} 亩</translation>
    </message>
    <message>
        <location filename="../../processing/decompose_targets.py" line="90"/>
        <source>Hands the farmland target (耕地保有量) and the permanent basic farmland target down from a unit to its townships, villages and groups, in proportion to their farmland: the figures of each responsibility letter (责任书).

Give: the parcels (PARCELS) with location code, land class and area; the targets table (TARGETS: unit_code, farmland_target_mu, pbf_target_mu in 亩), usually one row for the county; the lowest level (BOTTOM_LEVEL).

Out comes one row per unit (OUTPUT): grid_code, level, parent_code, unit_name, basis_mu, farmland_target_mu, pbf_target_mu and source (given or decomposed). Shares are rounded to 0.01 亩 so that each level adds up exactly to its parent.

Example: a county target of 50 000 亩 becomes township, village and group targets; a township given its own target keeps it.</source>
        <translation>将耕地保有量和永久基本农田保护目标从一个单位按现有耕地比例分解到其乡镇、行政村和村民小组：即各级责任书上的数字。

需提供：地类图斑（PARCELS）及其坐落代码、地类和面积；目标表（TARGETS：unit_code、farmland_target_mu、pbf_target_mu，单位亩），通常只有县一行；分解到的最低级别（BOTTOM_LEVEL）。

输出：每个单位一行（OUTPUT）：grid_code、level、parent_code、unit_name、basis_mu、farmland_target_mu、pbf_target_mu 和 source（给定或分解）。份额取整到 0.01 亩，使每一级之和恰好等于上一级。

示例：县级目标 50 000 亩分解为乡镇、行政村和村民小组目标；单独给定目标的乡镇保留其目标。</translation>
    </message>
</context>
<context>
    <name>DelineateGridAlgorithm</name>
    <message>
        <location filename="../../processing/delineate_grid.py" line="116"/>
        <source>Delineate supervision grid</source>
        <translation>划分监管网格</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="134"/>
        <source>Parcels (DLTB)</source>
        <translation>地类图斑（DLTB）</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="137"/>
        <source>Location unit code field</source>
        <translation>坐落单位代码字段</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="140"/>
        <source>Unit name field</source>
        <translation>单位名称字段</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="141"/>
        <source>Parcel identifier field</source>
        <translation>图斑标识字段</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="149"/>
        <source>Roster of responsible persons</source>
        <translation>责任人名册</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="154"/>
        <source>Roster unit code field</source>
        <translation>名册单位代码字段</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="154"/>
        <source>Roster person field</source>
        <translation>名册责任人字段</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="154"/>
        <source>Roster role field</source>
        <translation>名册职务字段</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="154"/>
        <source>Roster phone field</source>
        <translation>名册电话字段</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="154"/>
        <source>Roster unit name field</source>
        <translation>名册单位名称字段</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="167"/>
        <source>Boundary code field</source>
        <translation>边界代码字段</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="170"/>
        <source>Boundary name field</source>
        <translation>边界名称字段</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="178"/>
        <source>Smallest gap or overlap reported (m²)</source>
        <translation>报告缺口或重叠的最小面积（平方米）</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="187"/>
        <source>Grid cells</source>
        <translation>网格单元</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="188"/>
        <source>Grid issues</source>
        <translation>网格质检问题</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="189"/>
        <source>Number of cells</source>
        <translation>网格数</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="190"/>
        <source>Number of issues</source>
        <translation>问题数</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="191"/>
        <source>Farmland in the county cells (亩)</source>
        <translation>县级网格耕地面积（亩）</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="196"/>
        <source>The parcel layer could not be opened</source>
        <translation>无法打开地类图斑图层</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="236"/>
        <source>Reading parcels…</source>
        <translation>正在读取图斑……</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="264"/>
        <source>Delineating cells…</source>
        <translation>正在划分网格……</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="325"/>
        <source>Boundaries are in {0}; they are reprojected to the parcels&apos; {1}</source>
        <translation>边界坐标系为 {0}，已动态投影到图斑的 {1}</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="341"/>
        <source>No roster given: responsible persons are not checked</source>
        <translation>未提供责任人名册：不检查责任人</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="363"/>
        <source>Level {0} ({1}): {2} cells, {3:.2f} 亩 farmland</source>
        <translation>第 {0} 级（{1}）：{2} 个网格，耕地 {3:.2f} 亩</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="382"/>
        <source>Issue {0}: {1}</source>
        <translation>问题 {0}：{1} 处</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="384"/>
        <source>No issues found</source>
        <translation>未发现问题</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="119"/>
        <source>Builds the supervision grid (网格): county, township, village and villager-group cells dissolved from the land-survey parcels, with the province and city cells above them when the parcels span several counties, and checks it.

Give: the parcels (DLTB, INPUT) with their location code (ZLDWDM); optionally official boundaries (BOUNDARIES, e.g. CJDCQ), a roster of responsible persons (ROSTER: unit_code, person, role, phone) and permanent basic farmland (PBF). Code lengths per level: LEVEL_LENGTHS (6,9,12,15).

Out come: the grid cells (OUTPUT) with grid_code, level, unit_name, farmland_mu (亩) and persons; the issues (OUTPUT_ISSUES): gaps, overlaps, code mismatches, cells without a person, invalid codes and geometries, each with its area. Clean input gives no issues.

Example: the county's DLTB and the roster: a cell for every township, village and villager group, each with its 网格长.</source>
        <translation>由第三次国土调查地类图斑溶解生成县、乡镇、行政村、村民小组四级监管网格（图斑跨多个县时另生成其上的省、市级网格），并检查网格。

需提供：地类图斑（DLTB，INPUT）及其坐落单位代码（ZLDWDM）；可选：权属界线（BOUNDARIES，如 CJDCQ）、责任人名册（ROSTER：unit_code、person、role、phone）和永久基本农田（PBF）。各级代码长度：LEVEL_LENGTHS（6,9,12,15）。

输出：网格（OUTPUT），含 grid_code、level、unit_name、farmland_mu（亩）和责任人；问题清单（OUTPUT_ISSUES）：缝隙、重叠、代码不符、无责任人的网格、无效代码和几何，各附面积。数据无误时问题清单为空。

示例：全县地类图斑加责任人名册：每个乡镇、行政村、村民小组各成一格，各有其网格长。</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="142"/>
        <source>Code prefix lengths of [province, city,] county, township, village, group</source>
        <translation>[省、市、]县、乡镇、村、组的代码前缀长度</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="162"/>
        <source>Official boundaries</source>
        <translation>正式边界</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="173"/>
        <source>Permanent basic farmland</source>
        <translation>永久基本农田</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="309"/>
        <source>Measuring permanent basic farmland in the cells…</source>
        <translation>正在量算各网格内的永久基本农田…</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="315"/>
        <source>{0} PBF polygons lie partly or wholly outside the cells ({1:.2f} 亩); not counted</source>
        <translation>{0} 个永久基本农田图斑部分或全部位于网格之外（{1:.2f} 亩）；未计入</translation>
    </message>
    <message>
        <location filename="../../processing/delineate_grid.py" line="374"/>
        <source>{0} cells of level {1} ({2}) have no cells of level {3} ({4}) below them: their {5:.2f} 亩 of farmland count at level {1} only, which is why level {3} adds up to less</source>
        <translation>{0} 个第 {1} 级（{2}）网格下没有第 {3} 级（{4}）网格：其 {5:.2f} 亩耕地只计入第 {1} 级，所以第 {3} 级的合计较少</translation>
    </message>
</context>
<context>
    <name>EvidenceReviewDock</name>
    <message>
        <location filename="../../ui/review_dock.py" line="81"/>
        <source>Evidence review</source>
        <translation>举证审核</translation>
    </message>
    <message>
        <location filename="../../ui/review_dock.py" line="135"/>
        <source>Person</source>
        <translation>责任人</translation>
    </message>
    <message>
        <location filename="../../ui/review_dock.py" line="132"/>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <location filename="../../ui/review_dock.py" line="133"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/review_dock.py" line="134"/>
        <source>Unit code</source>
        <translation>单位代码</translation>
    </message>
    <message>
        <location filename="../../ui/review_dock.py" line="136"/>
        <source>Due date</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <location filename="../../ui/review_dock.py" line="137"/>
        <source>Area (mu)</source>
        <translation>面积（亩）</translation>
    </message>
    <message>
        <location filename="../../ui/review_dock.py" line="140"/>
        <source>Overdue</source>
        <translation>超期</translation>
    </message>
    <message>
        <location filename="../../ui/review_dock.py" line="264"/>
        <source>Cannot read the cases: {error}</source>
        <translation>无法读取案件：{error}</translation>
    </message>
    <message>
        <location filename="../../ui/review_dock.py" line="290"/>
        <source>{shown} of {total} cases</source>
        <translation>显示 {shown} / 共 {total} 个案件</translation>
    </message>
    <message>
        <location filename="../../ui/review_dock.py" line="457"/>
        <source>Report the case</source>
        <translation>上报案件</translation>
    </message>
    <message>
        <location filename="../../ui/review_dock.py" line="458"/>
        <source>Verdict:</source>
        <translation>认定结果：</translation>
    </message>
    <message>
        <location filename="../../ui/review_dock.py" line="464"/>
        <source>Reason for the verdict “Other”:</source>
        <translation>认定为“其他”的理由：</translation>
    </message>
    <message>
        <location filename="../../ui/review_dock.py" line="471"/>
        <source>Why is the case sent back?</source>
        <translation>退回理由：</translation>
    </message>
    <message>
        <location filename="../../ui/review_dock.py" line="473"/>
        <source>Rectification plan:</source>
        <translation>整改方案：</translation>
    </message>
    <message>
        <location filename="../../ui/review_dock.py" line="475"/>
        <source>Rectification result:</source>
        <translation>整改结果：</translation>
    </message>
    <message>
        <location filename="../../ui/review_dock.py" line="477"/>
        <source>Why is the case reopened?</source>
        <translation>重新打开的理由：</translation>
    </message>
    <message>
        <location filename="../../ui/review_dock.py" line="480"/>
        <source>Note:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <location filename="../../ui/review_dock.py" line="494"/>
        <source>Enter your name as reviewer first: every step records who took it</source>
        <translation>请先填写审核人姓名：每一步都记录由谁办理</translation>
    </message>
    <message>
        <location filename="../../ui/review_dock.py" line="508"/>
        <source>{action}: case {case_id}</source>
        <translation>{action}：案件 {case_id}</translation>
    </message>
    <message>
        <location filename="../../ui/review_dock.py" line="525"/>
        <source>The workspace could not record the step: {error}</source>
        <translation>工作空间未能记录此操作：{error}</translation>
    </message>
    <message>
        <location filename="../../ui/review_dock.py" line="532"/>
        <source>Case {case_id}: {action} recorded; now {status}</source>
        <translation>案件 {case_id}：已记录{action}，当前状态为{status}</translation>
    </message>
    <message>
        <location filename="../../ui/review_dock.py" line="439"/>
        <source>Approve case {case_id}? An approval cannot be taken back.</source>
        <translation>审核通过案件 {case_id}？审核通过后不能撤回。</translation>
    </message>
    <message>
        <location filename="../../ui/review_dock.py" line="441"/>
        <source>Close case {case_id}? A closed case can only be reopened with a reason, kept in its history.</source>
        <translation>结案 {case_id}？结案后只能填写理由重新打开，理由记入办理记录。</translation>
    </message>
    <message>
        <location filename="../../ui/review_connection.py" line="43"/>
        <source>Choose a GeoPackage file or a PostgreSQL connection</source>
        <translation>请选择 GeoPackage 文件或 PostgreSQL 连接</translation>
    </message>
    <message>
        <location filename="../../ui/review_connection.py" line="47"/>
        <source>Opening the workspace…</source>
        <translation>正在打开工作空间…</translation>
    </message>
    <message>
        <location filename="../../ui/review_connection.py" line="54"/>
        <source>Connecting to the workspace again…</source>
        <translation>正在重新连接工作空间…</translation>
    </message>
    <message>
        <location filename="../../ui/review_connection.py" line="60"/>
        <source>Cannot open the workspace {location}: {error}</source>
        <translation>无法打开工作空间 {location}:{error}</translation>
    </message>
    <message>
        <location filename="../../ui/review_connection.py" line="92"/>
        <source>The workspace does not answer: the server is slow or out of reach. The dock keeps waiting; Retry connects again</source>
        <translation>工作空间没有响应:服务器繁忙或无法连接。面板会继续等待;点击“重试”重新连接</translation>
    </message>
    <message>
        <location filename="../../ui/review_connection.py" line="113"/>
        <source>Your role is given by the workspace&apos;s server for your login: it decides the steps the dock offers</source>
        <translation>您的角色由工作空间服务器按您的登录账号授予,它决定面板提供哪些办理环节</translation>
    </message>
    <message>
        <location filename="../../ui/review_dock.py" line="346"/>
        <source>Cannot read the case: {error}</source>
        <translation>无法读取案件:{error}</translation>
    </message>
    <message>
        <location filename="../../ui/review_dock.py" line="518"/>
        <source>Case {case_id}: {action}…</source>
        <translation>案件 {case_id}:{action}…</translation>
    </message>
</context>
<context>
    <name>ExportAtlasAlgorithm</name>
    <message>
        <location filename="../../processing/export_atlas.py" line="98"/>
        <source>Export responsibility atlas</source>
        <translation>导出网格责任图集</translation>
    </message>
    <message>
        <location filename="../../processing/export_atlas.py" line="120"/>
        <source>Parcels with space codes</source>
        <translation>带空间码的地块</translation>
    </message>
    <message>
        <location filename="../../processing/export_atlas.py" line="123"/>
        <source>Space code field</source>
        <translation>空间码字段</translation>
    </message>
    <message>
        <location filename="../../processing/export_atlas.py" line="125"/>
        <source>Permanent basic farmland</source>
        <translation>永久基本农田</translation>
    </message>
    <message>
        <location filename="../../processing/export_atlas.py" line="130"/>
        <source>PDF resolution (dpi)</source>
        <translation>PDF 分辨率（dpi）</translation>
    </message>
    <message>
        <location filename="../../processing/export_atlas.py" line="135"/>
        <source>Atlas PDF</source>
        <translation>图集 PDF</translation>
    </message>
    <message>
        <location filename="../../processing/export_atlas.py" line="135"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../processing/export_atlas.py" line="136"/>
        <source>Folder for one PNG image per cell</source>
        <translation>每个网格一张 PNG 图片的输出文件夹</translation>
    </message>
    <message>
        <location filename="../../processing/export_atlas.py" line="141"/>
        <source>Image resolution (dpi)</source>
        <translation>图片分辨率（dpi）</translation>
    </message>
    <message>
        <location filename="../../processing/export_atlas.py" line="146"/>
        <source>Number of pages</source>
        <translation>页数</translation>
    </message>
    <message>
        <location filename="../../processing/export_atlas.py" line="221"/>
        <source>Writing {0} pages to {1}</source>
        <translation>正在将 {0} 页写入 {1}</translation>
    </message>
    <message>
        <location filename="../../processing/export_atlas.py" line="247"/>
        <source>The layer given for {0} could not be opened</source>
        <translation>无法打开为 {0} 指定的图层</translation>
    </message>
    <message>
        <location filename="../../processing/export_atlas.py" line="254"/>
        <source>The layer given for {0} could not be opened: {1}</source>
        <translation>无法打开为 {0} 指定的图层：{1}</translation>
    </message>
    <message>
        <location filename="../../processing/export_atlas.py" line="105"/>
        <source>Exports the grid responsibility atlas (网格责任图): one PDF page per grid cell, with its parcels and space codes, permanent basic farmland, a locator map, the responsible persons and phones, areas against targets and the cell's QR code.

Give: the grid cells (GRID) and the level (LEVEL), optionally a grid code prefix (CODE_PREFIX, e.g. one township); the parcels with their space codes (PARCELS); optionally the PBF polygons (PBF), the units of the quota overlay at the same level (UNITS) and your own layout template (TEMPLATE, keeping the maps main_map and locator_map).

Out come: one multi-page PDF (OUTPUT), searchable; optionally one PNG per cell (IMAGE_FOLDER); the number of pages. Run in QGIS, the layout is also added to the project, to adjust it in the layout designer.

Example: LEVEL village, CODE_PREFIX 130123001: one page for each village of 城关镇.</source>
        <translation>导出网格责任图：每个网格一页 PDF，含其图斑和空间编码、永久基本农田、位置图、责任人及电话、面积与目标对比以及网格二维码。

需提供：网格（GRID）和级别（LEVEL），可选网格代码前缀（CODE_PREFIX，如某个乡镇）；带空间编码的图斑（PARCELS）；可选：永久基本农田（PBF）、同级的指标叠加分析单位表（UNITS）和自定义版式模板（TEMPLATE，须保留地图 main_map 和 locator_map）。

输出：一个可搜索文字的多页 PDF（OUTPUT）；可选每个网格一张 PNG（IMAGE_FOLDER）；页数。在 QGIS 中运行时，版式也会加入项目，可在版式设计器中调整。

示例：LEVEL 取行政村，CODE_PREFIX 取 130123001：城关镇每个行政村一页。</translation>
    </message>
    <message>
        <location filename="../../processing/export_atlas.py" line="239"/>
        <source>The layout {0} is in the project: open it in the layout manager</source>
        <translation>版式 {0} 已加入项目：可在版式管理器中打开</translation>
    </message>
</context>
<context>
    <name>ExportFieldPackageAlgorithm</name>
    <message>
        <location filename="../../processing/export_field_package.py" line="69"/>
        <source>Export field packages (QField)</source>
        <translation>导出现场包(QField)</translation>
    </message>
    <message>
        <location filename="../../processing/export_field_package.py" line="72"/>
        <source>Hands the patrol tasks and open cases down to the patrollers' phones (下发到手机): one QField package per patroller, opened offline (copied by cable, USB stick or a file share; no server).

Give: the grid cells (GRID; a cell's patroller is its 田管员, else its first person), the coded parcels (PARCELS) and the workspace GeoPackage with the cases (WORKSPACE); optionally the permanent basic farmland (PBF), the patrol periods of the patrol coverage (PERIODS), a basemap (BASEMAP, GeoTIFF or MBTiles), the cells a package covers (LEVEL) and a code prefix (CODE_PREFIX, e.g. one township).

Out comes one folder per patroller (FOLDER), named by the first cell code and the person, optionally zipped (ZIP): project.qgs, data.gpkg with the person's cells, parcels, PBF and open cases, DCIM/ for the photos and manifest.json. Bring them back with the field package import.

Example: CODE_PREFIX 130123001 (城关镇): a package for each villager group's 田管员.</source>
        <translation>将巡田任务和未办结案件下发到巡查员手机：每位巡查员一个 QField 数据包，可离线打开（用数据线、U 盘或共享文件夹拷贝，无需服务器）。

需提供：网格（GRID；网格的巡查员为其田管员，否则为第一位责任人）、已编码图斑（PARCELS）和含案件的工作空间 GeoPackage（WORKSPACE）；可选：永久基本农田（PBF）、巡田覆盖的巡查周期（PERIODS）、底图（BASEMAP，GeoTIFF 或 MBTiles）、每个数据包覆盖的网格级别（LEVEL）和代码前缀（CODE_PREFIX，如某个乡镇）。

输出：每位巡查员一个文件夹（FOLDER），以首个网格代码和人名命名，可另打包为 zip（ZIP）：project.qgs、含其网格、图斑、永久基本农田和未办结案件的 data.gpkg、存放照片的 DCIM/ 以及 manifest.json。用外业数据包回收工具收回。

示例：CODE_PREFIX 取 130123001（城关镇）：每个村民小组的田管员一个数据包。</translation>
    </message>
    <message>
        <location filename="../../processing/export_field_package.py" line="88"/>
        <source>Grid cells</source>
        <translation>网格</translation>
    </message>
    <message>
        <location filename="../../processing/export_field_package.py" line="89"/>
        <source>Coded parcels</source>
        <translation>已赋码地块</translation>
    </message>
    <message>
        <location filename="../../processing/export_field_package.py" line="91"/>
        <source>Permanent basic farmland</source>
        <translation>永久基本农田</translation>
    </message>
    <message>
        <location filename="../../processing/export_field_package.py" line="92"/>
        <source>Patrol periods of the patrol coverage</source>
        <translation>巡田覆盖的巡查周期</translation>
    </message>
    <message>
        <location filename="../../processing/export_field_package.py" line="97"/>
        <source>Cells of one package</source>
        <translation>每个现场包包含的网格</translation>
    </message>
    <message>
        <location filename="../../processing/export_field_package.py" line="97"/>
        <source>Villager group</source>
        <translation>村民小组</translation>
    </message>
    <message>
        <location filename="../../processing/export_field_package.py" line="97"/>
        <source>Village</source>
        <translation>行政村</translation>
    </message>
    <message>
        <location filename="../../processing/export_field_package.py" line="100"/>
        <source>Villages without groups are their own bottom cell and get a package at group level too.</source>
        <translation>没有村民小组的行政村本身就是最底层网格,按村民小组导出时也会得到现场包。</translation>
    </message>
    <message>
        <location filename="../../processing/export_field_package.py" line="102"/>
        <source>Only cells whose code starts with</source>
        <translation>仅限编码以此开头的网格</translation>
    </message>
    <message>
        <location filename="../../processing/export_field_package.py" line="103"/>
        <source>A township or village code: packages for its cells only.</source>
        <translation>乡镇或行政村编码:只为其中的网格生成现场包。</translation>
    </message>
    <message>
        <location filename="../../processing/export_field_package.py" line="105"/>
        <source>Basemap (GeoTIFF, MBTiles)</source>
        <translation>底图(GeoTIFF、MBTiles)</translation>
    </message>
    <message>
        <location filename="../../processing/export_field_package.py" line="106"/>
        <source>Cut to each package&apos;s cells with a margin of 200 m.</source>
        <translation>裁切到每个现场包的网格范围,外扩 200 米。</translation>
    </message>
    <message>
        <location filename="../../processing/export_field_package.py" line="111"/>
        <source>Folder of the packages</source>
        <translation>现场包文件夹</translation>
    </message>
    <message>
        <location filename="../../processing/export_field_package.py" line="109"/>
        <source>Also zip each package</source>
        <translation>同时将每个现场包压缩为 zip</translation>
    </message>
    <message>
        <location filename="../../processing/export_field_package.py" line="110"/>
        <source>Number of packages</source>
        <translation>现场包数量</translation>
    </message>
    <message>
        <location filename="../../processing/export_field_package.py" line="120"/>
        <source>The workspace {0} does not exist: issue the cases first (issuecases)</source>
        <translation>工作空间 {0} 不存在:请先下发案件(issuecases)</translation>
    </message>
    <message>
        <location filename="../../processing/export_field_package.py" line="144"/>
        <source>Package CRS: {0}</source>
        <translation>现场包坐标系:{0}</translation>
    </message>
    <message>
        <location filename="../../processing/export_field_package.py" line="148"/>
        <source>No grid cell of the chosen level has a code starting with “{0}”</source>
        <translation>所选层级中没有编码以“{0}”开头的网格</translation>
    </message>
    <message>
        <location filename="../../processing/export_field_package.py" line="151"/>
        <source>{0} cells have no responsible person and get no package: {1}</source>
        <translation>{0} 个网格没有责任人员,不生成现场包:{1}</translation>
    </message>
    <message>
        <location filename="../../processing/export_field_package.py" line="155"/>
        <source>No cell has a responsible person: give delineategrid a roster (ROSTER)</source>
        <translation>没有网格有责任人员:请为 delineategrid 提供人员名单(ROSTER)</translation>
    </message>
    <message>
        <location filename="../../processing/export_field_package.py" line="163"/>
        <source>Splitting parcels, PBF and cases between {0} packages…</source>
        <translation>正在将地块、永久基本农田和案件分配到 {0} 个现场包…</translation>
    </message>
    <message>
        <location filename="../../processing/export_field_package.py" line="174"/>
        <source>{0}: {1} cells, {2} parcels, {3} open cases, {4:.1f} MB</source>
        <translation>{0}:{1} 个网格,{2} 个地块,{3} 个未办结案件,{4:.1f} MB</translation>
    </message>
    <message>
        <location filename="../../processing/export_field_package.py" line="179"/>
        <source>{0} packages written to {1}</source>
        <translation>已写出 {0} 个现场包到 {1}</translation>
    </message>
    <message>
        <location filename="../../processing/export_field_package.py" line="90"/>
        <source>Workspace with the cases</source>
        <translation>含案件的工作空间</translation>
    </message>
</context>
<context>
    <name>ExportQrCodesAlgorithm</name>
    <message>
        <location filename="../../processing/export_qr_codes.py" line="91"/>
        <source>Export QR codes</source>
        <translation>导出二维码</translation>
    </message>
    <message>
        <location filename="../../processing/export_qr_codes.py" line="106"/>
        <source>Parcels or grid cells</source>
        <translation>图斑或网格</translation>
    </message>
    <message>
        <location filename="../../processing/export_qr_codes.py" line="109"/>
        <source>Code field</source>
        <translation>编码字段</translation>
    </message>
    <message>
        <location filename="../../processing/export_qr_codes.py" line="110"/>
        <source>QR code content (field names in braces)</source>
        <translation>二维码内容（花括号中为字段名）</translation>
    </message>
    <message>
        <location filename="../../processing/export_qr_codes.py" line="115"/>
        <source>Formats</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../../processing/export_qr_codes.py" line="115"/>
        <source>PNG and SVG</source>
        <translation>PNG 和 SVG</translation>
    </message>
    <message>
        <location filename="../../processing/export_qr_codes.py" line="115"/>
        <source>PNG only</source>
        <translation>仅 PNG</translation>
    </message>
    <message>
        <location filename="../../processing/export_qr_codes.py" line="115"/>
        <source>SVG only</source>
        <translation>仅 SVG</translation>
    </message>
    <message>
        <location filename="../../processing/export_qr_codes.py" line="120"/>
        <source>PNG size of a QR module (pixels)</source>
        <translation>PNG 中每个二维码模块的大小（像素）</translation>
    </message>
    <message>
        <location filename="../../processing/export_qr_codes.py" line="130"/>
        <source>Folder for the QR code files</source>
        <translation>二维码文件输出文件夹</translation>
    </message>
    <message>
        <location filename="../../processing/export_qr_codes.py" line="131"/>
        <source>Features with QR code paths</source>
        <translation>带二维码路径的要素</translation>
    </message>
    <message>
        <location filename="../../processing/export_qr_codes.py" line="132"/>
        <source>Number of QR codes written</source>
        <translation>已写出的二维码数</translation>
    </message>
    <message>
        <location filename="../../processing/export_qr_codes.py" line="133"/>
        <source>Number of features without a code</source>
        <translation>无编码的要素数</translation>
    </message>
    <message>
        <location filename="../../processing/export_qr_codes.py" line="138"/>
        <source>The input layer could not be opened</source>
        <translation>无法打开输入图层</translation>
    </message>
    <message>
        <location filename="../../processing/export_qr_codes.py" line="156"/>
        <source>Cannot create the folder {0}: {1}</source>
        <translation>无法创建文件夹 {0}：{1}</translation>
    </message>
    <message>
        <location filename="../../processing/export_qr_codes.py" line="219"/>
        <source>… and {0} more space codes that fail their check</source>
        <translation>……另有 {0} 个地块空间码未通过校验</translation>
    </message>
    <message>
        <location filename="../../processing/export_qr_codes.py" line="222"/>
        <source>{0} features have no code in {1} and were skipped (feature ids: {2})</source>
        <translation>{0} 个要素的 {1} 为空，已跳过（要素号：{2}）</translation>
    </message>
    <message>
        <location filename="../../processing/export_qr_codes.py" line="228"/>
        <source>{0} QR codes written to {1}</source>
        <translation>已将 {0} 个二维码写入 {1}</translation>
    </message>
    <message>
        <location filename="../../processing/export_qr_codes.py" line="236"/>
        <source>The QR code content {0!r} is not a valid template ({1}); write {2} and {3} for literal braces</source>
        <translation>二维码内容 {0!r} 不是有效模板（{1}）；花括号本身请写作 {2} 和 {3}</translation>
    </message>
    <message>
        <location filename="../../processing/export_qr_codes.py" line="244"/>
        <source>The QR code content refers to {0}, which is not a field of layer {1!r}; its fields are: {2}</source>
        <translation>二维码内容引用了 {0}，但图层 {1!r} 没有该字段；其字段有：{2}</translation>
    </message>
    <message>
        <location filename="../../processing/export_qr_codes.py" line="255"/>
        <source>The QR code content {0!r} cannot be filled in for code {1}: {2}</source>
        <translation>无法为编码 {1} 填写二维码内容 {0!r}：{2}</translation>
    </message>
    <message>
        <location filename="../../processing/export_qr_codes.py" line="215"/>
        <source>{0} codes are too long for a file name and got no QR code: {1}</source>
        <translation>{0} 个编码太长，无法作为文件名，未生成二维码：{1}</translation>
    </message>
    <message>
        <location filename="../../processing/export_qr_codes.py" line="94"/>
        <source>Writes a QR code for the code of every parcel or grid cell, for warning posts (二维码警示桩), sign boards and print layouts.

Give: a layer with codes (INPUT) and its code field (CODE_FIELD: space_code for parcels, grid_code for grid cells); the output folder (FOLDER). Advanced: the text the QR code holds (PAYLOAD, e.g. https://example.org/parcel/{space_code}), the formats (FORMATS, PNG and/or SVG) and the PNG size (SCALE).

Out come: one file per code, named after it; the features again with the paths of their files (qr_png, qr_svg) (OUTPUT), ready for a picture item in a print layout; the numbers written and skipped.

Example: the coded parcels of a village: 130123001001001000017.png and .svg for each parcel.</source>
        <translation>为每个图斑或网格的编码生成二维码，用于二维码警示桩、标识牌和打印版式。

需提供：含编码的图层（INPUT）及其编码字段（CODE_FIELD：图斑用 space_code，网格用 grid_code）；输出文件夹（FOLDER）。高级参数：二维码内容（PAYLOAD，如 https://example.org/parcel/{space_code}）、格式（FORMATS，PNG 和/或 SVG）和 PNG 尺寸（SCALE）。

输出：每个编码一个文件，以编码命名；带文件路径（qr_png、qr_svg）的要素（OUTPUT），可直接用于打印版式中的图片项；写出和跳过的数量。

示例：一个行政村的已编码图斑：每个图斑生成 130123001001001000017.png 和 .svg。</translation>
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
        <location filename="../../processing/export_sign_boards.py" line="81"/>
        <source>Folder for one PDF per board</source>
        <translation>每块标识牌一个 PDF 的输出文件夹</translation>
    </message>
    <message>
        <location filename="../../processing/export_sign_boards.py" line="86"/>
        <source>PDF of A4 sheets of boards</source>
        <translation>标识牌 A4 拼版 PDF</translation>
    </message>
    <message>
        <location filename="../../processing/export_sign_boards.py" line="86"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../processing/export_sign_boards.py" line="91"/>
        <source>Number of boards</source>
        <translation>标识牌数</translation>
    </message>
    <message>
        <location filename="../../processing/export_sign_boards.py" line="92"/>
        <source>Number of sheet pages</source>
        <translation>拼版页数</translation>
    </message>
    <message>
        <location filename="../../processing/export_sign_boards.py" line="98"/>
        <source>Choose a folder for one PDF per board, a PDF of sheets, or both</source>
        <translation>请选择每块标识牌一个 PDF 的文件夹、拼版 PDF，或两者都选</translation>
    </message>
    <message>
        <location filename="../../processing/export_sign_boards.py" line="132"/>
        <source>{0} boards written</source>
        <translation>已输出 {0} 块标识牌</translation>
    </message>
    <message>
        <location filename="../../processing/export_sign_boards.py" line="147"/>
        <source>The boards of {0} are {1:g} × {2:g} mm, larger than an A4 sheet with margins; export one PDF per board</source>
        <translation>{0} 的标识牌尺寸为 {1:g} × {2:g} 毫米，超过留边后的 A4 纸；请改为每块标识牌输出一个 PDF</translation>
    </message>
    <message>
        <location filename="../../processing/export_sign_boards.py" line="173"/>
        <source>The layout template {0} holds no layout QGIS can load</source>
        <translation>布局模板 {0} 中没有 QGIS 可以加载的布局</translation>
    </message>
    <message>
        <location filename="../../processing/export_sign_boards.py" line="67"/>
        <source>Exports farmland protection sign boards (耕地保护标识牌) and QR warning-post plates (二维码警示桩): the unit, its responsible persons and phones, farmland and PBF area and the cell's QR code.

Give: the grid cells (GRID) and the level (LEVEL), optionally a grid code prefix (CODE_PREFIX); optionally the units of the quota overlay at the same level (UNITS) and your own board template (TEMPLATE; its page size is the board size).

Out come (one or both): a folder with one vector PDF per board, named after the grid code (FOLDER); A4 sheets with as many boards as fit, for printing plates in the office (SHEETS). Run in QGIS, the board layout is also added to the project.

Example: LEVEL villager group: a 90 × 60 mm plate for each group, eight to an A4 sheet.</source>
        <translation>导出耕地保护标识牌和二维码警示桩牌：单位、责任人及电话、耕地和永久基本农田面积以及网格二维码。

需提供：网格（GRID）和级别（LEVEL），可选网格代码前缀（CODE_PREFIX）；可选：同级的指标叠加分析单位表（UNITS）和自定义标牌模板（TEMPLATE，其页面尺寸即标牌尺寸）。

输出（一项或两项）：每块标牌一个矢量 PDF 的文件夹，以网格代码命名（FOLDER）；A4 拼版，每页排尽可能多的标牌，便于在办公室打印（SHEETS）。在 QGIS 中运行时，标牌版式也会加入项目。

示例：LEVEL 取村民小组：每组一块 90 × 60 mm 的标牌，每张 A4 排八块。</translation>
    </message>
    <message>
        <location filename="../../processing/export_sign_boards.py" line="137"/>
        <source>The layout {0} is in the project: open it in the layout manager</source>
        <translation>版式 {0} 已加入项目：可在版式管理器中打开</translation>
    </message>
</context>
<context>
    <name>FarmlandBalanceAlgorithm</name>
    <message>
        <location filename="../../processing/farmland_balance.py" line="126"/>
        <source>Farmland balance (in–out and occupation–compensation)</source>
        <translation>耕地进出平衡与占补平衡台账</translation>
    </message>
    <message>
        <location filename="../../processing/farmland_balance.py" line="129"/>
        <source>The ledger of the farmland in–out balance (耕地进出平衡) and occupation–compensation balance (耕地占补平衡) per unit, from two years of the land survey.

Give: last year's parcels (PREVIOUS) and this year's (PARCELS), in one CRS, with CODE_FIELD (ZLDWDM), CLASS_FIELD (DLBM), FARMLAND_CLASSES and AREA_FIELD (TBDLMJ); the units (LEVEL, township by default); optionally the tasks (TARGETS: unit_code, inout_target_mu, occupation_target_mu in 亩). Advanced: ID_FIELD, TOLERANCE, MIN_AREA, INPUT_ENCODING.

Out come: per unit 进, 出, 占, 补, the two balances and their gaps to the task, with a TOTAL row (OUTPUT_UNITS); the pieces that flow, ready for case issuing (OUTPUT_FLOWS); the land-use transition matrix (OUTPUT_MATRIX); the ledger as XLSX or CSV (OUTPUT_TABLE).

Example: DLTB 2025 and 2026 at township level: 3.2 亩 of farmland turned into orchard (出) and 1.0 亩 back (进) give an in–out balance of −2.2 亩.</source>
        <translation>根据两个年度的国土调查数据，逐单位编制耕地进出平衡和耕地占补平衡台账。

需提供：上年地类图斑（PREVIOUS）和本年地类图斑（PARCELS），坐标系一致，含 CODE_FIELD（ZLDWDM）、CLASS_FIELD（DLBM）、FARMLAND_CLASSES 和 AREA_FIELD（TBDLMJ）；统计单位（LEVEL，默认乡镇）；可选任务表（TARGETS：unit_code、inout_target_mu、occupation_target_mu，单位亩）。高级参数：ID_FIELD、TOLERANCE、MIN_AREA、INPUT_ENCODING。

输出：各单位的进、出、占、补，两项平衡及其距任务的缺口，含 TOTAL 合计行（OUTPUT_UNITS）；发生流向的图斑碎片，可直接用于下发案件（OUTPUT_FLOWS）；土地利用转移矩阵（OUTPUT_MATRIX）；XLSX 或 CSV 台账（OUTPUT_TABLE）。

示例：2025 与 2026 年度地类图斑，按乡镇统计：3.2 亩耕地变为果园（出）、1.0 亩恢复为耕地（进），进出平衡为 −2.2 亩。</translation>
    </message>
    <message>
        <location filename="../../processing/farmland_balance.py" line="145"/>
        <source>Last year&apos;s parcels (DLTB)</source>
        <translation>上年地类图斑（DLTB）</translation>
    </message>
    <message>
        <location filename="../../processing/farmland_balance.py" line="146"/>
        <source>This year&apos;s parcels (DLTB)</source>
        <translation>本年地类图斑（DLTB）</translation>
    </message>
    <message>
        <location filename="../../processing/farmland_balance.py" line="147"/>
        <source>Location unit code field</source>
        <translation>坐落单位代码字段</translation>
    </message>
    <message>
        <location filename="../../processing/farmland_balance.py" line="152"/>
        <source>Unit level</source>
        <translation>单位层级</translation>
    </message>
    <message>
        <location filename="../../processing/farmland_balance.py" line="152"/>
        <source>County</source>
        <translation>县</translation>
    </message>
    <message>
        <location filename="../../processing/farmland_balance.py" line="152"/>
        <source>Township</source>
        <translation>乡镇/街道</translation>
    </message>
    <message>
        <location filename="../../processing/farmland_balance.py" line="152"/>
        <source>Village</source>
        <translation>行政村</translation>
    </message>
    <message>
        <location filename="../../processing/farmland_balance.py" line="152"/>
        <source>Villager group</source>
        <translation>村民小组</translation>
    </message>
    <message>
        <location filename="../../processing/farmland_balance.py" line="160"/>
        <source>Balance tasks table</source>
        <translation>平衡任务表</translation>
    </message>
    <message>
        <location filename="../../processing/farmland_balance.py" line="165"/>
        <source>Task unit code field</source>
        <translation>任务单位代码字段</translation>
    </message>
    <message>
        <location filename="../../processing/farmland_balance.py" line="165"/>
        <source>In–out balance task field (亩)</source>
        <translation>进出平衡任务字段（亩）</translation>
    </message>
    <message>
        <location filename="../../processing/farmland_balance.py" line="165"/>
        <source>Occupation–compensation task field (亩)</source>
        <translation>占补平衡任务字段（亩）</translation>
    </message>
    <message>
        <location filename="../../processing/farmland_balance.py" line="165"/>
        <source>Task unit name field</source>
        <translation>任务单位名称字段</translation>
    </message>
    <message>
        <location filename="../../processing/farmland_balance.py" line="173"/>
        <source>Parcel identifier field</source>
        <translation>图斑标识字段</translation>
    </message>
    <message>
        <location filename="../../processing/farmland_balance.py" line="174"/>
        <source>Survey adjustment tolerance (m)</source>
        <translation>调查调整容差（米）</translation>
    </message>
    <message>
        <location filename="../../processing/farmland_balance.py" line="177"/>
        <source>Minimum piece area (m²)</source>
        <translation>最小碎片面积（m²）</translation>
    </message>
    <message>
        <location filename="../../processing/farmland_balance.py" line="181"/>
        <source>Named in the flows as the parcels of each year; feature ids where the layer has no such field.</source>
        <translation>在流向中用于标识各年度图斑；图层无此字段时用要素编号。</translation>
    </message>
    <message>
        <location filename="../../processing/farmland_balance.py" line="181"/>
        <source>A piece narrower than this, between parcels whose boundaries moved, is a survey adjustment: no flow.</source>
        <translation>边界移动的图斑之间窄于此值的碎片属于调查调整，不计流向。</translation>
    </message>
    <message>
        <location filename="../../processing/farmland_balance.py" line="181"/>
        <source>Pieces smaller than this are slivers: counted in the log, not in the ledger.</source>
        <translation>小于此值的碎片为细碎图斑：记入日志，不计入台账。</translation>
    </message>
    <message>
        <location filename="../../processing/farmland_balance.py" line="190"/>
        <source>Balance per unit</source>
        <translation>各单位平衡</translation>
    </message>
    <message>
        <location filename="../../processing/farmland_balance.py" line="191"/>
        <source>Flows (进出占补 pieces)</source>
        <translation>流向（进出占补碎片）</translation>
    </message>
    <message>
        <location filename="../../processing/farmland_balance.py" line="196"/>
        <source>Transition matrix</source>
        <translation>土地利用转移矩阵</translation>
    </message>
    <message>
        <location filename="../../processing/farmland_balance.py" line="201"/>
        <source>Balance ledger</source>
        <translation>平衡台账</translation>
    </message>
    <message>
        <location filename="../../processing/farmland_balance.py" line="201"/>
        <source>Excel workbook (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../processing/farmland_balance.py" line="206"/>
        <source>Flow pieces</source>
        <translation>流向碎片数</translation>
    </message>
    <message>
        <location filename="../../processing/farmland_balance.py" line="212"/>
        <source>The parcel layers could not be opened</source>
        <translation>无法打开图斑图层</translation>
    </message>
    <message>
        <location filename="../../processing/farmland_balance.py" line="250"/>
        <source>The tasks table {0} has neither {1} nor {2}; its fields are: {3}</source>
        <translation>任务表 {0} 既无 {1} 也无 {2}；其字段为：{3}</translation>
    </message>
    <message>
        <location filename="../../processing/farmland_balance.py" line="266"/>
        <source>Reading {0}…</source>
        <translation>正在读取 {0}…</translation>
    </message>
    <message>
        <location filename="../../processing/farmland_balance.py" line="286"/>
        <source>{0}: {1} parcels have no valid location code; they are in no unit</source>
        <translation>{0}：{1} 个图斑无有效坐落单位代码，不属于任何单位</translation>
    </message>
    <message>
        <location filename="../../processing/farmland_balance.py" line="289"/>
        <source>Overlaying the two years…</source>
        <translation>正在叠加两个年度…</translation>
    </message>
    <message>
        <location filename="../../processing/farmland_balance.py" line="317"/>
        <source>进 {0:.4f}, 出 {1:.4f}, 占 {2:.4f}, 补 {3:.4f} 亩 ({4})</source>
        <translation>进 {0:.4f}，出 {1:.4f}，占 {2:.4f}，补 {3:.4f} 亩（{4}）</translation>
    </message>
    <message>
        <location filename="../../processing/farmland_balance.py" line="325"/>
        <source>{0} parcels unchanged and carried over whole; {1} pairs of changed parcels intersected</source>
        <translation>{0} 个图斑未变化，整体沿用；{1} 对变化图斑参与相交</translation>
    </message>
    <message>
        <location filename="../../processing/farmland_balance.py" line="331"/>
        <source>{0} pieces narrower than the tolerance ({1:.2f} m²) are survey adjustments: no flow</source>
        <translation>{0} 个窄于容差的碎片（{1:.2f} m²）为调查调整：不计流向</translation>
    </message>
    <message>
        <location filename="../../processing/farmland_balance.py" line="337"/>
        <source>{0} sliver pieces below the minimum area ({1:.2f} m² in all) are not in the ledger</source>
        <translation>{0} 个小于最小面积的细碎碎片（共 {1:.2f} m²）不计入台账</translation>
    </message>
    <message>
        <location filename="../../processing/farmland_balance.py" line="342"/>
        <source>Last year&apos;s parcels not covered by this year&apos;s</source>
        <translation>上年图斑未被本年图斑覆盖</translation>
    </message>
    <message>
        <location filename="../../processing/farmland_balance.py" line="342"/>
        <source>This year&apos;s parcels not covered by last year&apos;s</source>
        <translation>本年图斑未被上年图斑覆盖</translation>
    </message>
    <message>
        <location filename="../../processing/farmland_balance.py" line="348"/>
        <source>{0}: {1} parcels, {2:.4f} 亩; in the matrix's none column or row</source>
        <translation>{0}：{1} 个图斑，{2:.4f} 亩；计入矩阵的 none 列或行</translation>
    </message>
    <message>
        <location filename="../../processing/farmland_balance.py" line="397"/>
        <source>{0} units have no task: {1}</source>
        <translation>{0} 个单位无任务：{1}</translation>
    </message>
</context>
<context>
    <name>FarmlandGridAlgorithm</name>
    <message>
        <location filename="../../processing/base.py" line="50"/>
        <source>Supervision grid</source>
        <translation>监管网格</translation>
    </message>
    <message>
        <location filename="../../processing/base.py" line="51"/>
        <source>Parcel codes</source>
        <translation>地块编码</translation>
    </message>
    <message>
        <location filename="../../processing/base.py" line="52"/>
        <source>Quotas</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../processing/base.py" line="53"/>
        <source>Patrols</source>
        <translation>巡田</translation>
    </message>
    <message>
        <location filename="../../processing/base.py" line="54"/>
        <source>Evidence and cases</source>
        <translation>举证与案件</translation>
    </message>
    <message>
        <location filename="../../processing/base.py" line="55"/>
        <source>Map production</source>
        <translation>制图输出</translation>
    </message>
    <message>
        <location filename="../../processing/base.py" line="56"/>
        <source>Dashboard</source>
        <translation>驾驶舱</translation>
    </message>
    <message>
        <location filename="../../processing/base.py" line="79"/>
        <source>Default: {0}. Blank when the chosen layer has no field of that name: pick the field that holds it.</source>
        <translation>默认：{0}。所选图层没有该名称的字段时留空：请选择存放该信息的字段。</translation>
    </message>
    <message>
        <location filename="../../processing/base.py" line="201"/>
        <source>Writing XLSX needs the Python package openpyxl (pip install openpyxl); or choose a .csv file</source>
        <translation>写出 XLSX 需要 Python 包 openpyxl（pip install openpyxl），或改选 .csv 文件</translation>
    </message>
    <message>
        <location filename="../../processing/base.py" line="214"/>
        <source>This tool needs the Python package {0}: {1}</source>
        <translation>此工具需要 Python 包 {0}：{1}</translation>
    </message>
    <message>
        <location filename="../../processing/base.py" line="227"/>
        <source>{0} is not UTF-8: its text was read as {1} (GBK); set the input encoding to change it</source>
        <translation>{0} 不是 UTF-8 编码：其文字已按 {1}（GBK）读取；如需更改请设置输入编码</translation>
    </message>
    <message>
        <location filename="../../processing/base.py" line="249"/>
        <source>Land class field</source>
        <translation>地类编码字段</translation>
    </message>
    <message>
        <location filename="../../processing/base.py" line="252"/>
        <source>Farmland land classes (comma separated)</source>
        <translation>耕地地类（逗号分隔）</translation>
    </message>
    <message>
        <location filename="../../processing/base.py" line="255"/>
        <source>GB/T 21010 codes counted as farmland; K and A suffixes are ignored.</source>
        <translation>按 GB/T 21010 计为耕地的地类编码；忽略 K、A 后缀。</translation>
    </message>
    <message>
        <location filename="../../processing/base.py" line="260"/>
        <source>Area field in m² (empty: measure geometry)</source>
        <translation>面积字段，平方米（留空则按几何计算）</translation>
    </message>
    <message>
        <location filename="../../processing/base.py" line="271"/>
        <source>Geometry area method</source>
        <translation>几何面积计算方法</translation>
    </message>
    <message>
        <location filename="../../processing/base.py" line="271"/>
        <source>Ellipsoidal (layer CRS ellipsoid)</source>
        <translation>椭球面积（图层坐标系椭球）</translation>
    </message>
    <message>
        <location filename="../../processing/base.py" line="271"/>
        <source>Planar (layer CRS units)</source>
        <translation>平面面积（图层坐标系单位）</translation>
    </message>
    <message>
        <location filename="../../processing/base.py" line="278"/>
        <source>Used only when the area field is empty.</source>
        <translation>仅在面积字段留空时使用。</translation>
    </message>
    <message>
        <location filename="../../processing/base.py" line="288"/>
        <source>Text encoding of CSV and Shapefile inputs</source>
        <translation>CSV 与 Shapefile 输入的文字编码</translation>
    </message>
    <message>
        <location filename="../../processing/base.py" line="288"/>
        <source>Automatic (UTF-8, else GB18030)</source>
        <translation>自动（UTF-8，否则 GB18030）</translation>
    </message>
    <message>
        <location filename="../../processing/base.py" line="295"/>
        <source>Files without a declared encoding are read as UTF-8 when they decode so, else as GB18030.</source>
        <translation>未声明编码的文件：能按 UTF-8 解码则按 UTF-8 读取，否则按 GB18030 读取。</translation>
    </message>
    <message>
        <location filename="../../processing/base.py" line="303"/>
        <source>Name at least one farmland land class, such as 0101,0102,0103</source>
        <translation>请至少指定一个耕地地类编码，如 0101,0102,0103</translation>
    </message>
    <message>
        <location filename="../../processing/base.py" line="319"/>
        <source>The layer has no CRS: areas come from {0}; gap and overlap areas are in the layer&apos;s units</source>
        <translation>图层没有坐标系：面积取自 {0}；缝隙与重叠面积按图层单位计</translation>
    </message>
    <message>
        <location filename="../../processing/base.py" line="371"/>
        <source>{0} is a file, not a folder</source>
        <translation>{0} 是文件，不是文件夹</translation>
    </message>
    <message>
        <location filename="../../processing/base.py" line="373"/>
        <source>The folder {0} cannot be written to</source>
        <translation>无法写入文件夹 {0}</translation>
    </message>
</context>
<context>
    <name>FarmlandGridLabels</name>
    <message>
        <location filename="../../services/labels.py" line="19"/>
        <source>Gap between cells</source>
        <translation>网格间缝隙</translation>
    </message>
    <message>
        <location filename="../../services/labels.py" line="20"/>
        <source>Overlapping cells</source>
        <translation>网格重叠</translation>
    </message>
    <message>
        <location filename="../../services/labels.py" line="21"/>
        <source>Overlapping parcels</source>
        <translation>图斑重叠</translation>
    </message>
    <message>
        <location filename="../../services/labels.py" line="22"/>
        <source>Outside its parent cell</source>
        <translation>超出上级网格</translation>
    </message>
    <message>
        <location filename="../../services/labels.py" line="23"/>
        <source>Code does not match the boundary</source>
        <translation>编码与边界不符</translation>
    </message>
    <message>
        <location filename="../../services/labels.py" line="24"/>
        <source>No responsible person</source>
        <translation>无责任人</translation>
    </message>
    <message>
        <location filename="../../services/labels.py" line="25"/>
        <source>Unusable unit code</source>
        <translation>单位代码不可用</translation>
    </message>
    <message>
        <location filename="../../services/labels.py" line="26"/>
        <source>Invalid geometry (repaired)</source>
        <translation>几何无效（已修复）</translation>
    </message>
    <message>
        <location filename="../../services/labels.py" line="27"/>
        <source>No geometry</source>
        <translation>无几何图形</translation>
    </message>
    <message>
        <location filename="../../services/labels.py" line="28"/>
        <source>Roster unit not in the grid</source>
        <translation>名册单位不在网格中</translation>
    </message>
    <message>
        <location filename="../../services/labels.py" line="29"/>
        <source>Unusable area</source>
        <translation>面积不可用</translation>
    </message>
    <message>
        <location filename="../../services/labels.py" line="30"/>
        <source>Duplicate parcel identifier</source>
        <translation>图斑标识码重复</translation>
    </message>
    <message>
        <location filename="../../services/labels.py" line="31"/>
        <source>Unusable phone number</source>
        <translation>电话号码不可用</translation>
    </message>
    <message>
        <location filename="../../services/labels.py" line="34"/>
        <source>Parcels</source>
        <translation>地类图斑</translation>
    </message>
    <message>
        <location filename="../../services/labels.py" line="35"/>
        <source>Boundaries</source>
        <translation>边界</translation>
    </message>
    <message>
        <location filename="../../services/labels.py" line="36"/>
        <source>Roster</source>
        <translation>责任人名册</translation>
    </message>
    <message>
        <location filename="../../services/labels.py" line="37"/>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <location filename="../../services/labels.py" line="40"/>
        <source>Code kept</source>
        <translation>沿用原编码</translation>
    </message>
    <message>
        <location filename="../../services/labels.py" line="41"/>
        <source>New code</source>
        <translation>新编码</translation>
    </message>
    <message>
        <location filename="../../services/labels.py" line="42"/>
        <source>Split from an old parcel</source>
        <translation>由原图斑分割</translation>
    </message>
    <message>
        <location filename="../../services/labels.py" line="43"/>
        <source>Merged from old parcels</source>
        <translation>由原图斑合并</translation>
    </message>
    <message>
        <location filename="../../services/labels.py" line="44"/>
        <source>Moved to another group</source>
        <translation>调整到其他村民小组</translation>
    </message>
    <message>
        <location filename="../../services/labels.py" line="45"/>
        <source>Not coded (see note)</source>
        <translation>未赋码（见说明）</translation>
    </message>
    <message>
        <location filename="../../services/labels.py" line="46"/>
        <source>Code retired</source>
        <translation>编码已注销</translation>
    </message>
    <message>
        <location filename="../../services/labels.py" line="49"/>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../services/labels.py" line="50"/>
        <source>Not yet done</source>
        <translation>未完成</translation>
    </message>
    <message>
        <location filename="../../services/labels.py" line="51"/>
        <source>Overdue</source>
        <translation>超期</translation>
    </message>
    <message>
        <location filename="../../services/labels.py" line="54"/>
        <source>parcel land-class area {0}</source>
        <translation>图斑地类面积 {0}</translation>
    </message>
    <message>
        <location filename="../../services/labels.py" line="55"/>
        <source>ellipsoidal area on {0}</source>
        <translation>椭球面积（{0}）</translation>
    </message>
    <message>
        <location filename="../../services/labels.py" line="56"/>
        <source>planar area in {0}</source>
        <translation>平面面积（{0}）</translation>
    </message>
    <message>
        <location filename="../../services/labels.py" line="59"/>
        <source>parcel land-class area TBDLMJ</source>
        <translation>图斑地类面积 TBDLMJ</translation>
    </message>
</context>
<context>
    <name>FarmlandGridLayouts</name>
    <message>
        <location filename="../../services/layouts.py" line="107"/>
        <source>Grid level</source>
        <translation>网格层级</translation>
    </message>
    <message>
        <location filename="../../services/layouts.py" line="107"/>
        <source>County</source>
        <translation>县/区</translation>
    </message>
    <message>
        <location filename="../../services/layouts.py" line="107"/>
        <source>Township</source>
        <translation>乡镇/街道</translation>
    </message>
    <message>
        <location filename="../../services/layouts.py" line="107"/>
        <source>Village</source>
        <translation>行政村</translation>
    </message>
    <message>
        <location filename="../../services/layouts.py" line="107"/>
        <source>Villager group</source>
        <translation>村民小组</translation>
    </message>
    <message>
        <location filename="../../services/layouts.py" line="120"/>
        <source>Only cells whose grid code starts with</source>
        <translation>仅限网格编码以此开头的网格</translation>
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
    <message>
        <location filename="../../services/layouts.py" line="128"/>
        <source>Areas and targets per unit at the same level</source>
        <translation>同级单位的面积与目标</translation>
    </message>
</context>
<context>
    <name>FarmlandGridPlugin</name>
    <message>
        <location filename="../../plugin.py" line="47"/>
        <source>Farmland Grid Supervision</source>
        <translation>耕地保护网格化监管</translation>
    </message>
    <message>
        <location filename="../../plugin.py" line="47"/>
        <source>Missing Python packages, please install: {0}</source>
        <translation>缺少 Python 包，请安装：{0}</translation>
    </message>
    <message>
        <location filename="../../plugin.py" line="54"/>
        <source>Farmland Grid</source>
        <translation>耕地保护网格</translation>
    </message>
    <message>
        <location filename="../../plugin.py" line="91"/>
        <source>Delineate supervision grid…</source>
        <translation>划分监管网格……</translation>
    </message>
    <message>
        <location filename="../../plugin.py" line="29"/>
        <source>&amp;Farmland Grid</source>
        <translation>耕地保护网格(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../plugin.py" line="56"/>
        <source>Evidence review (举证审核)…</source>
        <translation>举证审核…</translation>
    </message>
    <message>
        <location filename="../../plugin.py" line="59"/>
        <source>Dashboard (驾驶舱)…</source>
        <translation>耕地保护驾驶舱…</translation>
    </message>
    <message>
        <location filename="../../plugin.py" line="57"/>
        <source>Review the reported cases: evidence photos on the map, approve or send back</source>
        <translation>审核已上报案件：在地图上查看举证照片，通过或退回</translation>
    </message>
    <message>
        <location filename="../../plugin.py" line="60"/>
        <source>Patrols, cases and farmland against targets per township, as charts</source>
        <translation>以图表显示各乡镇巡田、案件和耕地目标完成情况</translation>
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
        <location filename="../../processing/import_evidence.py" line="143"/>
        <source>Import evidence photos</source>
        <translation>导入举证照片</translation>
    </message>
    <message>
        <location filename="../../processing/import_evidence.py" line="166"/>
        <source>Folder of photos</source>
        <translation>照片文件夹</translation>
    </message>
    <message>
        <location filename="../../processing/import_evidence.py" line="169"/>
        <source>Datum of the photo coordinates</source>
        <translation>照片坐标基准</translation>
    </message>
    <message>
        <location filename="../../processing/import_evidence.py" line="169"/>
        <source>WGS 84 (cameras, most phones)</source>
        <translation>WGS 84（相机及大多数手机）</translation>
    </message>
    <message>
        <location filename="../../processing/import_evidence.py" line="169"/>
        <source>GCJ-02 (offset coordinates of some apps in China)</source>
        <translation>GCJ-02（国内部分应用的偏移坐标）</translation>
    </message>
    <message>
        <location filename="../../processing/import_evidence.py" line="177"/>
        <source>Cases or change patches</source>
        <translation>案件或变化图斑</translation>
    </message>
    <message>
        <location filename="../../processing/import_evidence.py" line="182"/>
        <source>Case id field</source>
        <translation>案件编号字段</translation>
    </message>
    <message>
        <location filename="../../processing/import_evidence.py" line="204"/>
        <source>Parcels</source>
        <translation>地块</translation>
    </message>
    <message>
        <location filename="../../processing/import_evidence.py" line="207"/>
        <source>Parcel space code field</source>
        <translation>地块空间码字段</translation>
    </message>
    <message>
        <location filename="../../processing/import_evidence.py" line="212"/>
        <source>Output CRS (empty: that of the cases, else of the parcels, else EPSG:4490)</source>
        <translation>输出坐标系（空：取案件的，其次取地块的，否则为 EPSG:4490）</translation>
    </message>
    <message>
        <location filename="../../processing/import_evidence.py" line="219"/>
        <source>Evidence photos</source>
        <translation>举证照片</translation>
    </message>
    <message>
        <location filename="../../processing/import_evidence.py" line="220"/>
        <source>Rejected files</source>
        <translation>拒收的文件</translation>
    </message>
    <message>
        <location filename="../../processing/import_evidence.py" line="225"/>
        <source>Number of photos imported</source>
        <translation>导入照片数</translation>
    </message>
    <message>
        <location filename="../../processing/import_evidence.py" line="226"/>
        <source>Number of files rejected</source>
        <translation>拒收文件数</translation>
    </message>
    <message>
        <location filename="../../processing/import_evidence.py" line="232"/>
        <source>The photo folder {0} does not exist or is not a folder</source>
        <translation>照片文件夹 {0} 不存在或不是文件夹</translation>
    </message>
    <message>
        <location filename="../../processing/import_evidence.py" line="244"/>
        <source>The parcels have no field {0}; space_code stays empty and only parcel_fid is filled</source>
        <translation>地块没有字段 {0}；space_code 留空，仅填写 parcel_fid</translation>
    </message>
    <message>
        <location filename="../../processing/import_evidence.py" line="284"/>
        <source>No JPEG or HEIC/HEIF photos in {0}</source>
        <translation>{0} 中没有 JPEG 或 HEIC/HEIF 照片</translation>
    </message>
    <message>
        <location filename="../../processing/import_evidence.py" line="285"/>
        <source>Reading {0} photos…</source>
        <translation>正在读取 {0} 张照片……</translation>
    </message>
    <message>
        <location filename="../../processing/import_evidence.py" line="294"/>
        <source>Coordinates converted from GCJ-02 to WGS 84</source>
        <translation>坐标已由 GCJ-02 转换为 WGS 84</translation>
    </message>
    <message>
        <location filename="../../processing/import_evidence.py" line="299"/>
        <source>{0}: its position (latitude {1:.6f}, longitude {2:.6f}) cannot be expressed in {3}</source>
        <translation>{0}：其位置（纬度 {1:.6f}，经度 {2:.6f}）无法用 {3} 表示</translation>
    </message>
    <message>
        <location filename="../../processing/import_evidence.py" line="353"/>
        <source>Matching photos to cases…</source>
        <translation>正在将照片匹配到案件……</translation>
    </message>
    <message>
        <location filename="../../processing/import_evidence.py" line="358"/>
        <source>Matching photos to parcels…</source>
        <translation>正在将照片匹配到地块……</translation>
    </message>
    <message>
        <location filename="../../processing/import_evidence.py" line="412"/>
        <source>{0} photos imported, {1} files rejected</source>
        <translation>导入照片 {0} 张，拒收文件 {1} 个</translation>
    </message>
    <message>
        <location filename="../../processing/import_evidence.py" line="414"/>
        <source>Rejected as {0}: {1}</source>
        <translation>拒收（{0}）：{1}</translation>
    </message>
    <message>
        <location filename="../../processing/import_evidence.py" line="418"/>
        <source>… and {0} more rejected files, listed in the rejected files table</source>
        <translation>……另有 {0} 个拒收文件，见拒收文件表</translation>
    </message>
    <message>
        <location filename="../../processing/import_evidence.py" line="218"/>
        <source>Added by (for the audit trail)</source>
        <translation>添加人（记入审计记录）</translation>
    </message>
    <message>
        <location filename="../../processing/import_evidence.py" line="236"/>
        <source>Say who adds the evidence (“Added by”): every step of a case records who took it</source>
        <translation>请填写添加人（“添加人”）：案件的每一步都记录由谁办理</translation>
    </message>
    <message>
        <location filename="../../processing/import_evidence.py" line="374"/>
        <source>{0} photos added as evidence to {1} cases in {2}</source>
        <translation>已将 {0} 张照片作为举证材料添加到 {2} 中的 {1} 个案件</translation>
    </message>
    <message>
        <location filename="../../processing/import_evidence.py" line="146"/>
        <source>Turns the geotagged field photos (举证照片) into evidence points, matched to the cases and parcels they show, checks them (举证核验) and, with a workspace, attaches them to their cases for review.

Give: the folder of photos (FOLDER, JPEG and HEIC, subfolders included) and their coordinates' datum (DATUM: WGS 84, or GCJ-02 from some phone apps); optionally the case polygons (CASES, with CASE_ID_FIELD; a photo belongs to the case it lies in, else to the nearest within MATCH_DISTANCE), the parcels (PARCELS), the workspace GeoPackage of the cases (WORKSPACE) and who adds them (ACTOR). The check limits (MAX_DISTANCE, VIEW_HALF_ANGLE, GRACE_DAYS, MAX_CLOCK_SKEW, MAX_ACCURACY, MIN_PHOTOS, MIN_SPREAD) are under Advanced parameters.

Out come: one point per usable photo (OUTPUT) with its time, position, direction, case, parcel and checks (far_from_patch, facing_away, after_due, duplicate_photo, edited…; a flagged photo is kept, never dropped); the files that could not be used, with the reason (OUTPUT_REJECTED: no_gps, no_exif, corrupt_file…). A bad file never stops the others.

Example: a patroller's folder after a day in the field, with the workspace of the issued cases: each photo attached to its case; one taken 80 m from its patch is flagged far_from_patch (MAX_DISTANCE 50 m).</source>
        <translation>将带地理标记的举证照片转为举证点，匹配到照片所示的案件和图斑，进行举证核验；提供工作空间时，将其挂接到案件供审核。

需提供：照片文件夹（FOLDER，JPEG 和 HEIC，含子文件夹）及坐标基准（DATUM：WGS 84，或部分手机应用的 GCJ-02）；可选：案件图斑（CASES，含 CASE_ID_FIELD；照片归属其所在的案件，否则归属 MATCH_DISTANCE 范围内最近的案件）、图斑（PARCELS）、案件工作空间 GeoPackage（WORKSPACE）和添加人（ACTOR）。核验阈值（MAX_DISTANCE、VIEW_HALF_ANGLE、GRACE_DAYS、MAX_CLOCK_SKEW、MAX_ACCURACY、MIN_PHOTOS、MIN_SPREAD）在高级参数中。

输出：每张可用照片一个点（OUTPUT），含拍摄时间、位置、方向、案件、图斑和核验结果（far_from_patch、facing_away、after_due、duplicate_photo、edited…；被标记的照片仍保留，不会丢弃）；无法使用的文件及原因（OUTPUT_REJECTED：no_gps、no_exif、corrupt_file…）。一个坏文件不影响其他文件。

示例：巡查员外业一天后的照片文件夹，加上已下发案件的工作空间：每张照片挂接到其案件；一张距图斑 80 米拍摄的照片被标记为 far_from_patch（MAX_DISTANCE 为 50 米）。</translation>
    </message>
    <message>
        <location filename="../../processing/import_evidence.py" line="183"/>
        <source>Largest distance from a photo to its case (m); farther photos are flagged</source>
        <translation>照片距案件的最大距离（米）；超出则标记</translation>
    </message>
    <message>
        <location filename="../../processing/import_evidence.py" line="192"/>
        <source>Distance within which a photo belongs to its nearest case (m)</source>
        <translation>照片归属最近案件的距离（米）</translation>
    </message>
    <message>
        <location filename="../../processing/import_evidence.py" line="192"/>
        <source>Half-angle of the view cone (degrees)</source>
        <translation>视锥半角（度）</translation>
    </message>
    <message>
        <location filename="../../processing/import_evidence.py" line="192"/>
        <source>Days of grace after the due date</source>
        <translation>完成期限后的宽限天数</translation>
    </message>
    <message>
        <location filename="../../processing/import_evidence.py" line="192"/>
        <source>Largest difference of camera clock and GPS time (minutes)</source>
        <translation>相机时钟与 GPS 时间的最大差值（分钟）</translation>
    </message>
    <message>
        <location filename="../../processing/import_evidence.py" line="192"/>
        <source>Largest GPS error (m)</source>
        <translation>最大 GPS 误差（米）</translation>
    </message>
    <message>
        <location filename="../../processing/import_evidence.py" line="192"/>
        <source>Fewest photos of a case</source>
        <translation>每个案件最少照片数</translation>
    </message>
    <message>
        <location filename="../../processing/import_evidence.py" line="192"/>
        <source>Smallest spread of the directions of a case&apos;s photos (degrees)</source>
        <translation>案件照片拍摄方向的最小覆盖范围（度）</translation>
    </message>
    <message>
        <location filename="../../processing/import_evidence.py" line="227"/>
        <source>Number of photos flagged by the checks</source>
        <translation>被核验标记的照片数</translation>
    </message>
    <message>
        <location filename="../../processing/import_evidence.py" line="314"/>
        <source>Checking the photos (举证核验)…</source>
        <translation>正在核验照片（举证核验）…</translation>
    </message>
    <message>
        <location filename="../../processing/import_evidence.py" line="405"/>
        <source>{0}: its checksum could not be taken: {1}</source>
        <translation>{0}：无法计算其校验值：{1}</translation>
    </message>
    <message>
        <location filename="../../processing/import_evidence.py" line="424"/>
        <source>Evidence checks: {0} of {1} photos flagged, {2} of {3} cases flagged</source>
        <translation>举证核验：{1} 张照片中 {0} 张有标记，{3} 个案件中 {2} 个有标记</translation>
    </message>
    <message>
        <location filename="../../processing/import_evidence.py" line="430"/>
        <source>Flagged {0}: {1}</source>
        <translation>标记 {0}：{1}</translation>
    </message>
    <message>
        <location filename="../../processing/import_evidence.py" line="217"/>
        <source>Workspace whose cases get the matched photos as evidence</source>
        <translation>工作空间（匹配的照片作为其案件的举证）</translation>
    </message>
</context>
<context>
    <name>ImportFieldPackageAlgorithm</name>
    <message>
        <location filename="../../processing/import_field_package.py" line="91"/>
        <source>Import field packages (QField)</source>
        <translation>导入现场包(QField)</translation>
    </message>
    <message>
        <location filename="../../processing/import_field_package.py" line="94"/>
        <source>Brings the patrollers' QField packages back (回收): their photos become evidence of their cases, their tracks patrol records.

Give: the returned packages (PACKAGE: folders, a file inside one, or zips), the workspace GeoPackage they were exported from (WORKSPACE; a package of another workspace is refused) and who imports (ACTOR).

Out come: the photos attached to their cases (OUTPUT_EVIDENCE), checked as the photo import checks them; the tracks as points ready for the patrol coverage (OUTPUT_TRACKS); every feature or file not imported, with the reason (OUTPUT_REJECTED). A case with new evidence starts collecting; a case marked done (核查完成) is reported. Importing a package again changes nothing.

Example: four phones' packages of a week: 4 photos imported, 2 cases reported, the tracks ready as patrol tracks.</source>
        <translation>回收巡查员的 QField 数据包：照片成为其案件的举证材料，轨迹成为巡田记录。

需提供：交回的数据包（PACKAGE：文件夹、其中任一文件或 zip）、导出时所用的工作空间 GeoPackage（WORKSPACE；其他工作空间的数据包会被拒绝）和导入人（ACTOR）。

输出：挂接到案件的照片（OUTPUT_EVIDENCE），按照片导入的规则核验；可直接用于巡田覆盖的轨迹点（OUTPUT_TRACKS）；未导入的要素和文件及原因（OUTPUT_REJECTED）。获得新举证的案件进入举证中；标记为核查完成的案件被上报。重复导入同一数据包不会改变任何内容。

示例：四部手机一周的数据包：导入 4 张照片，上报 2 件案件，轨迹可直接作为巡查轨迹使用。</translation>
    </message>
    <message>
        <location filename="../../processing/import_field_package.py" line="110"/>
        <source>Returned packages (folders or zips)</source>
        <translation>回收的现场包(文件夹或 zip)</translation>
    </message>
    <message>
        <location filename="../../processing/import_field_package.py" line="114"/>
        <source>Imported by (for the audit trail)</source>
        <translation>导入人(记入审计记录)</translation>
    </message>
    <message>
        <location filename="../../processing/import_field_package.py" line="115"/>
        <source>Imported evidence</source>
        <translation>已导入的举证</translation>
    </message>
    <message>
        <location filename="../../processing/import_field_package.py" line="118"/>
        <source>Patrol tracks</source>
        <translation>巡查轨迹</translation>
    </message>
    <message>
        <location filename="../../processing/import_field_package.py" line="121"/>
        <source>Rejected features and files</source>
        <translation>未导入的要素与文件</translation>
    </message>
    <message>
        <location filename="../../processing/import_field_package.py" line="124"/>
        <source>Number of photos imported</source>
        <translation>导入照片数</translation>
    </message>
    <message>
        <location filename="../../processing/import_field_package.py" line="125"/>
        <source>Number of cases reported</source>
        <translation>上报案件数</translation>
    </message>
    <message>
        <location filename="../../processing/import_field_package.py" line="126"/>
        <source>Number of features and files rejected</source>
        <translation>未导入的要素与文件数</translation>
    </message>
    <message>
        <location filename="../../processing/import_field_package.py" line="134"/>
        <source>Choose returned packages that exist (missing: {0})</source>
        <translation>请选择存在的回收现场包(缺少:{0})</translation>
    </message>
    <message>
        <location filename="../../processing/import_field_package.py" line="137"/>
        <source>The workspace {0} does not exist</source>
        <translation>工作空间 {0} 不存在</translation>
    </message>
    <message>
        <location filename="../../processing/import_field_package.py" line="140"/>
        <source>Say who imports the packages (“Imported by”): every step of a case records who took it</source>
        <translation>请填写导入人(“导入人”):案件的每一步都记录操作人</translation>
    </message>
    <message>
        <location filename="../../processing/import_field_package.py" line="166"/>
        <source>{0} would be written outside the package</source>
        <translation>{0} 会被写到现场包之外</translation>
    </message>
    <message>
        <location filename="../../processing/import_field_package.py" line="196"/>
        <source>{0} photos imported, {1} cases reported, {2} patrol tracks, {3} features and files rejected</source>
        <translation>已导入 {0} 张照片,上报 {1} 个案件,{2} 条巡查轨迹,{3} 个要素和文件未导入</translation>
    </message>
    <message>
        <location filename="../../processing/import_field_package.py" line="210"/>
        <source>The track has no geometry</source>
        <translation>轨迹没有几何</translation>
    </message>
    <message>
        <location filename="../../processing/import_field_package.py" line="215"/>
        <source>The track has one vertex only</source>
        <translation>轨迹只有一个节点</translation>
    </message>
    <message>
        <location filename="../../processing/import_field_package.py" line="220"/>
        <source>The track has no start time</source>
        <translation>轨迹没有开始时间</translation>
    </message>
    <message>
        <location filename="../../processing/import_field_package.py" line="113"/>
        <source>Workspace</source>
        <translation>工作空间</translation>
    </message>
</context>
<context>
    <name>IssueCasesAlgorithm</name>
    <message>
        <location filename="../../processing/issue_cases.py" line="130"/>
        <source>Issue cases</source>
        <translation>下发案件</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="148"/>
        <source>Change patches</source>
        <translation>变化图斑</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="151"/>
        <source>Patch id field</source>
        <translation>图斑编号字段</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="153"/>
        <source>Villager group code field</source>
        <translation>村民小组代码字段</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="153"/>
        <source>Village code field (where there is no group)</source>
        <translation>行政村代码字段（无小组时）</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="153"/>
        <source>Responsible person field</source>
        <translation>责任人字段</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="153"/>
        <source>Phone field</source>
        <translation>电话字段</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="153"/>
        <source>Accountable field</source>
        <translation>是否问责字段</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="153"/>
        <source>Farmland occupied field (亩)</source>
        <translation>占用耕地字段（亩）</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="153"/>
        <source>PBF occupied field (亩)</source>
        <translation>占用永久基本农田字段（亩）</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="163"/>
        <source>Only patches occupying farmland or PBF</source>
        <translation>仅下发占用耕地或永久基本农田的图斑</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="165"/>
        <source>Case id prefix (such as the monitoring batch)</source>
        <translation>案件编号前缀（如监测批次）</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="168"/>
        <source>Issue date (empty: today)</source>
        <translation>下发日期（空：今天）</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="173"/>
        <source>Days allowed to settle a case</source>
        <translation>案件办理期限（天）</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="173"/>
        <source>Days allowed for accountable patches</source>
        <translation>问责图斑办理期限（天）</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="180"/>
        <source>Issued by (name or office, for the audit trail)</source>
        <translation>下发人（姓名或单位，记入审计记录）</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="181"/>
        <source>Note for the issue event</source>
        <translation>下发备注</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="182"/>
        <source>Issued cases</source>
        <translation>已下发案件</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="183"/>
        <source>Cases issued</source>
        <translation>下发案件数</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="183"/>
        <source>Patches not issued</source>
        <translation>未下发图斑数</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="183"/>
        <source>Patches already issued</source>
        <translation>此前已下发图斑数</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="183"/>
        <source>Patches rejected</source>
        <translation>拒收图斑数</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="197"/>
        <source>Say who issues the cases (“Issued by”): every step of a case records who took it</source>
        <translation>请填写下发人（“下发人”）：案件的每一步都记录由谁办理</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="202"/>
        <source>The change patch layer could not be opened</source>
        <translation>无法打开变化图斑图层</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="208"/>
        <source>Choose the workspace GeoPackage the cases go into</source>
        <translation>请选择存放案件的工作空间 GeoPackage</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="213"/>
        <source>Issuing only patches that occupy farmland or PBF needs the farmland or the PBF occupied field; name one of them, or turn off “Only patches occupying farmland or PBF”</source>
        <translation>仅下发占用耕地或永久基本农田的图斑，需要占用耕地或占用永久基本农田字段：请指定其一，或取消勾选“仅下发占用耕地或永久基本农田的图斑”</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="244"/>
        <source>Reading change patches…</source>
        <translation>正在读取变化图斑……</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="255"/>
        <source>Issuing {0} cases into {1}…</source>
        <translation>正在向 {1} 下发 {0} 个案件……</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="297"/>
        <source>The change patches have no field {0} ({1}); it is not used</source>
        <translation>变化图斑没有字段 {0}（{1}），不使用该字段</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="310"/>
        <source>{0} patches have invalid geometries; they were repaired</source>
        <translation>{0} 个图斑几何无效，已修复</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="313"/>
        <source>Where the accountable flag is empty, patches with at least 5 亩 of PBF or 10 亩 of farmland are accountable</source>
        <translation>是否问责为空时，占用永久基本农田不少于 5 亩或耕地不少于 10 亩的图斑为问责图斑</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="360"/>
        <source>Issued without a responsible person</source>
        <translation>下发时无责任人</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="364"/>
        <source>Already issued on {0}; status: {1}</source>
        <translation>已于 {0} 下发；状态：{1}</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="366"/>
        <source>Occupies neither farmland nor PBF; not issued</source>
        <translation>未占用耕地和永久基本农田，不下发</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="368"/>
        <source>The patch has no id; not issued</source>
        <translation>图斑没有编号，不下发</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="370"/>
        <source>The patch has no geometry; not issued</source>
        <translation>图斑没有几何，不下发</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="371"/>
        <source>The patch id {0} occurs more than once; only its first patch is issued</source>
        <translation>图斑编号 {0} 出现多次，只下发第一个</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="376"/>
        <source>Feature {0}: {1}</source>
        <translation>要素 {0}：{1}</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="378"/>
        <source>… and {0} more patches that cannot be issued</source>
        <translation>……另有 {0} 个无法下发的图斑</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="381"/>
        <source>{0} cases were issued without a responsible person</source>
        <translation>{0} 个案件下发时没有责任人</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="384"/>
        <source>{0} cases were issued without a usable unit code</source>
        <translation>{0} 个案件下发时没有可用的单位代码</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="385"/>
        <source>{0} cases issued into {1}; {2} patches already issued, {3} occupying neither farmland nor PBF, {4} rejected (no patch id, no geometry or a repeated patch id)</source>
        <translation>已向 {1} 下发 {0} 个案件；{2} 个图斑此前已下发，{3} 个未占用耕地和永久基本农田，{4} 个被拒收（无图斑编号、无几何或图斑编号重复）</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="133"/>
        <source>Issues one case per change patch (下发) to the responsible person of its grid cell, into the case store of a workspace, where evidence, review and closing follow.

Give: the change patches (CHANGES), normally the classified patches of the quota overlay, with their patch id (PATCH_ID_FIELD); the workspace GeoPackage (WORKSPACE, created if missing); the issue date (ISSUED_ON) and who issues (ACTOR). Days allowed: DUE_DAYS (30), ACCOUNTABLE_DUE_DAYS (15).

Out comes one row per patch (OUTPUT): its case id, person, status, due date and whether it was issued in this run, or why not (already_issued, no_farmland…). Running again never duplicates a case; a failed run leaves the workspace untouched.

Example: the patches of the 2026 monitoring batch, CASE_PREFIX 2026Q1-: 59 cases issued, due 2026-02-09 (accountable ones 2026-01-25).</source>
        <translation>按变化图斑逐个下发案件给所在网格的责任人，写入工作空间的案件库，之后在其中举证、审核和销号。

需提供：变化图斑（CHANGES），通常为指标叠加分析分类后的图斑，及其图斑编号（PATCH_ID_FIELD）；工作空间 GeoPackage（WORKSPACE，不存在则新建）；下发日期（ISSUED_ON）和下发人（ACTOR）。办理期限：DUE_DAYS（30 天），ACCOUNTABLE_DUE_DAYS（15 天）。

输出：每个图斑一行（OUTPUT）：案件编号、责任人、状态、到期日以及本次是否下发或未下发的原因（already_issued、no_farmland…）。重复运行不会产生重复案件；运行失败时工作空间保持不变。

示例：2026 年监测批次的图斑，CASE_PREFIX 取 2026Q1-：下发 59 件，2026-02-09 到期（问责图斑 2026-01-25）。</translation>
    </message>
    <message>
        <location filename="../../processing/issue_cases.py" line="164"/>
        <source>Workspace with the cases (GeoPackage created if missing)</source>
        <translation>含案件的工作空间（GeoPackage 不存在时新建）</translation>
    </message>
</context>
<context>
    <name>MigrateWorkspaceAlgorithm</name>
    <message>
        <location filename="../../processing/migrate_workspace.py" line="46"/>
        <source>Migrate workspace</source>
        <translation>迁移工作空间</translation>
    </message>
    <message>
        <location filename="../../processing/migrate_workspace.py" line="49"/>
        <source>Copies a whole workspace (迁移工作空间) from a GeoPackage into PostgreSQL, or from PostgreSQL into a GeoPackage: every case, every event of the audit trail (its order and ids kept), every piece of evidence and every code of the registry, in one transaction. The copy keeps the workspace's identity, so field packages exported before still import into it.

Give: the workspace to copy (SOURCE) and where it goes (TARGET): an empty PostgreSQL workspace (createworkspace; migrate with the login that created it) or a new GeoPackage file. A target that already holds cases of another workspace is refused; one that is already this workspace is only checked.

Out comes one row per table (OUTPUT): rows and a checksum of the values on both sides, equal or not; the copy is kept only when all are equal. The counts are outputs too (CASES, EVENTS, EVIDENCE, CODES).</source>
        <translation>复制整个工作空间（迁移工作空间）：从 GeoPackage 到 PostgreSQL，或从 PostgreSQL 到 GeoPackage；包括每个案件、审计记录中的每个环节（保持顺序和编号）、每条举证和登记表中的每个编码，在一个事务中完成。副本保留工作空间的标识，因此此前导出的外业数据包仍可导入。

输入：要复制的工作空间（SOURCE）和目标（TARGET）：空的 PostgreSQL 工作空间（createworkspace；用建立它的账号迁移）或新的 GeoPackage 文件。目标中已有其他工作空间的案件时拒绝；目标已是该工作空间时只做核对。

输出：每张表一行（OUTPUT）：两侧的记录数和数值校验和，以及是否一致；只有全部一致才保留副本。记录数也作为输出（CASES、EVENTS、EVIDENCE、CODES）。</translation>
    </message>
    <message>
        <location filename="../../processing/migrate_workspace.py" line="66"/>
        <source>Workspace to copy</source>
        <translation>要复制的工作空间</translation>
    </message>
    <message>
        <location filename="../../processing/migrate_workspace.py" line="67"/>
        <source>Target workspace (empty PostgreSQL workspace or new GeoPackage)</source>
        <translation>目标工作空间（空的 PostgreSQL 工作空间或新的 GeoPackage）</translation>
    </message>
    <message>
        <location filename="../../processing/migrate_workspace.py" line="68"/>
        <source>Copy check</source>
        <translation>复制核对</translation>
    </message>
    <message>
        <location filename="../../processing/migrate_workspace.py" line="69"/>
        <source>Copied by this run</source>
        <translation>本次运行已复制</translation>
    </message>
    <message>
        <location filename="../../processing/migrate_workspace.py" line="70"/>
        <source>Copy equal to its source</source>
        <translation>副本与源一致</translation>
    </message>
    <message>
        <location filename="../../processing/migrate_workspace.py" line="78"/>
        <source>Choose the workspace to copy (SOURCE) and where it goes (TARGET)</source>
        <translation>请选择要复制的工作空间（SOURCE）及目标（TARGET）</translation>
    </message>
    <message>
        <location filename="../../processing/migrate_workspace.py" line="83"/>
        <source>Copying {0} into {1}…</source>
        <translation>正在将 {0} 复制到 {1}…</translation>
    </message>
    <message>
        <location filename="../../processing/migrate_workspace.py" line="86"/>
        <source>Group roles created: {0}</source>
        <translation>已新建组角色：{0}</translation>
    </message>
    <message>
        <location filename="../../processing/migrate_workspace.py" line="88"/>
        <source>{0} already is this workspace: nothing was copied, the tables were compared</source>
        <translation>{0} 已是该工作空间：未复制任何内容，仅核对了各表</translation>
    </message>
    <message>
        <location filename="../../processing/migrate_workspace.py" line="92"/>
        <source>{0}: {1} rows, checksum {2} — copy: {3} rows, checksum {4}</source>
        <translation>{0}：{1} 条记录，校验和 {2} — 副本：{3} 条记录，校验和 {4}</translation>
    </message>
    <message>
        <location filename="../../processing/migrate_workspace.py" line="98"/>
        <source>(different)</source>
        <translation>（不一致）</translation>
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
    <message>
        <location filename="../../processing/patrol_coverage.py" line="97"/>
        <source>Says per grid cell and period whether the cell was patrolled (巡田), which farmland parcels nobody walked past, and who is behind.

Give the patrol tracks (a point or line layer from a patrol app, a folder of GPX files, or both; in GPX files the patroller's name is read from each track's description, desc), the grid cells, the parcels (DLTB) and the days to check (default: from the first track's day to today).

Out come the periods (completed, pending, overdue), the compliance per cell, the parcel visits, the tracks for replay, the township monthly patrol rate (巡田率), the rejected tracks with the reason, and the patrol ledger (巡查台账).

Example: a week's GPX files, 2026-01-05 to 2026-01-11: a villager group is completed for that week when a track passed half of its farmland parcels within 30 m. Frequencies, distances and cleaning rules are under Advanced parameters.</source>
        <translation>按网格和周期判断是否完成巡田，列出无人巡到的耕地图斑，以及谁落后了。

需提供巡查轨迹（巡查应用的点或线图层、GPX 文件夹，或两者；GPX 文件中巡查人姓名取自每条轨迹的描述 desc）、网格、地类图斑（DLTB）以及检查的日期范围（默认：从最早轨迹的日期到今天）。

输出各周期状态（已完成、未完成、已过期）、各网格达标情况、图斑巡查记录、供回放的轨迹、乡镇逐月巡田率、被拒轨迹及原因，以及巡查台账。

示例：一周的 GPX 文件，2026-01-05 至 2026-01-11：某村民小组有一条轨迹在 30 米内经过其一半耕地图斑，即为该周已完成。巡查频次、距离和清洗规则见“高级参数”。</translation>
    </message>
    <message>
        <location filename="../../processing/patrol_coverage.py" line="119"/>
        <source>Grid cells</source>
        <translation>网格</translation>
    </message>
</context>
<context>
    <name>QuotaOverlayAlgorithm</name>
    <message>
        <location filename="../../processing/quota_overlay.py" line="175"/>
        <source>Quota overlay</source>
        <translation>指标核算</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="195"/>
        <source>Parcels (DLTB)</source>
        <translation>地类图斑（DLTB）</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="198"/>
        <source>Location unit code field</source>
        <translation>坐落单位代码字段</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="201"/>
        <source>Permanent basic farmland</source>
        <translation>永久基本农田</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="206"/>
        <source>Targets table</source>
        <translation>目标表</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="209"/>
        <source>Target unit code field</source>
        <translation>目标单位代码字段</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="209"/>
        <source>Farmland target field (亩)</source>
        <translation>耕地保有量目标字段（亩）</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="209"/>
        <source>PBF target field (亩)</source>
        <translation>永久基本农田目标字段（亩）</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="209"/>
        <source>Target unit name field</source>
        <translation>目标单位名称字段</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="216"/>
        <source>Change patches</source>
        <translation>变化图斑</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="221"/>
        <source>Change patch id field</source>
        <translation>变化图斑编号字段</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="221"/>
        <source>Land class after change field</source>
        <translation>变化后地类字段</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="221"/>
        <source>Legality field</source>
        <translation>合法性字段</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="228"/>
        <source>Legality values that mean illegal</source>
        <translation>表示违法的合法性取值</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="236"/>
        <source>Unit level</source>
        <translation>单位层级</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="236"/>
        <source>County</source>
        <translation>县</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="236"/>
        <source>Township</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="236"/>
        <source>Village</source>
        <translation>行政村</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="236"/>
        <source>Villager group</source>
        <translation>村民小组</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="251"/>
        <source>Accountable from PBF occupied (亩)</source>
        <translation>占用永久基本农田达到此值即问责（亩）</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="251"/>
        <source>Accountable from farmland occupied (亩)</source>
        <translation>占用耕地达到此值即问责（亩）</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="251"/>
        <source>Illegal share limit of farmland taken for construction (%)</source>
        <translation>违法占用占新增建设占用耕地比例上限（%）</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="251"/>
        <source>Illegal occupation limit (亩)</source>
        <translation>违法占用耕地总量上限（亩）</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="260"/>
        <source>Units against targets</source>
        <translation>单位目标核算</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="263"/>
        <source>Classified change patches</source>
        <translation>变化图斑分类</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="268"/>
        <source>County checks</source>
        <translation>县级考核检查</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="271"/>
        <source>Task list</source>
        <translation>任务清单</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="271"/>
        <source>Excel workbook (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="286"/>
        <source>Accountability cases</source>
        <translation>问责图斑数</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="291"/>
        <source>The parcel layer could not be opened</source>
        <translation>无法打开地类图斑图层</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="381"/>
        <source>Measuring permanent basic farmland in the units…</source>
        <translation>正在计算各单位的永久基本农田面积……</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="390"/>
        <source>{0} PBF polygons lie partly or wholly outside the parcels ({1:.2f} 亩); not counted</source>
        <translation>{0} 个永久基本农田图斑部分或全部位于图斑范围之外（{1:.2f} 亩），未计入</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="452"/>
        <source>{0} is in {1}; it is reprojected to the parcels&apos; {2}</source>
        <translation>{0} 的坐标系为 {1}，已动态投影到图斑的 {2}</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="464"/>
        <source>No targets table: gaps are not computed</source>
        <translation>未提供目标表：不计算缺口</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="469"/>
        <source>{0} units have no target: {1}</source>
        <translation>{0} 个单位没有目标：{1}</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="485"/>
        <source>{0} change patches lie outside the parcels; they are listed without unit codes</source>
        <translation>{0} 个变化图斑位于图斑范围之外，输出时不带单位代码</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="178"/>
        <source>Tells each unit how far it is from its farmland (耕地保有量) and permanent basic farmland (永久基本农田) targets, and classifies change patches.

Give: the parcels (PARCELS, DLTB), the PBF polygons (PBF), the targets table (TARGETS: unit_code, farmland_target_mu, pbf_target_mu in 亩) and the level (LEVEL: county, township, village, villager group, city/prefecture or province); optionally the change patches (CHANGES, with HDLBM and HFPD) and the grid cells (GRID) for the responsible persons.

Out come: per unit its farmland and PBF against the targets, gaps and completion, with a TOTAL row (OUTPUT_UNITS); per patch its category (非农化, 非粮化), farmland and PBF occupied and whether it is accountable (OUTPUT_CHANGES); the county checks (OUTPUT_SUMMARY); optionally the campaign task list (任务清单, OUTPUT_TASKS, columns from TASK_DEFINITION by MEASURE_FIELD, areas rounded by TASK_AREA_DECIMALS).

Example: the township targets and this year's DLTB at LEVEL township: 98.8 %, 22.37 亩 short of the farmland target. A city's layer at LEVEL county gives the city's gaps county by county.</source>
        <translation>计算各单位距耕地保有量和永久基本农田保护目标还差多少，并对变化图斑分类。

需提供：地类图斑（PARCELS，DLTB）、永久基本农田（PBF）、目标表（TARGETS：unit_code、farmland_target_mu、pbf_target_mu，单位亩）和统计级别（LEVEL：县、乡镇、行政村、村民小组、市/州或省）；可选：变化图斑（CHANGES，含 HDLBM 和 HFPD）和网格（GRID，用于责任人）。

输出：各单位耕地和永久基本农田与目标对比、缺口和完成率，含 TOTAL 合计行（OUTPUT_UNITS）；各变化图斑的类别（非农化、非粮化）、占用耕地和永久基本农田面积及是否问责（OUTPUT_CHANGES）；县级核查（OUTPUT_SUMMARY）；可选：专项任务清单（任务清单，OUTPUT_TASKS，列由 TASK_DEFINITION 按 MEASURE_FIELD 确定，面积按 TASK_AREA_DECIMALS 取整）。

示例：乡镇目标与本年地类图斑，LEVEL 取乡镇：如完成 98.8 %，距耕地目标差 22.37 亩。市级图层取 LEVEL 县，可逐县给出全市缺口。</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="221"/>
        <source>Measure field for the task list (整改类型 / 处置方式)</source>
        <translation>任务清单的整改措施字段（整改类型 / 处置方式）</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="231"/>
        <source>Grid cells with responsible persons</source>
        <translation>带责任人的网格</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="236"/>
        <source>City/prefecture</source>
        <translation>市/州</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="236"/>
        <source>Province</source>
        <translation>省</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="276"/>
        <source>Task list columns (JSON)</source>
        <translation>任务清单列定义（JSON）</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="279"/>
        <source>Blocks and columns of the task list; empty: the seed county&apos;s layout.</source>
        <translation>任务清单的分块与列；留空则用示范县（柞水县）的格式。</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="280"/>
        <source>Task list areas</source>
        <translation>任务清单面积精度</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="280"/>
        <source>To 0.1 亩</source>
        <translation>保留 0.1 亩</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="280"/>
        <source>Whole 亩</source>
        <translation>取整亩</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="283"/>
        <source>Subtotals and totals are summed before rounding.</source>
        <translation>小计与合计先由未修约面积相加，再修约。</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="345"/>
        <source>The task list counts patches by their measure: name it in MEASURE_FIELD (e.g. 整改类型)</source>
        <translation>任务清单按图斑的整改措施统计：请在 MEASURE_FIELD 中指定该字段（如 整改类型）</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="360"/>
        <source>The task list counts change patches: give the change patches (CHANGES)</source>
        <translation>任务清单统计变化图斑：请提供变化图斑（CHANGES）</translation>
    </message>
    <message>
        <location filename="../../processing/quota_overlay.py" line="441"/>
        <source>{0} patches have the measure '{1}', which no column of {2} takes; counted as 其他/未归类: {3}</source>
        <translation>{0} 个图斑的整改措施为“{1}”，{2} 中没有对应的列，计入 其他/未归类：{3}</translation>
    </message>
</context>
<context>
    <name>ReviewControls</name>
    <message>
        <location filename="../../ui/review_controls.py" line="50"/>
        <source>Workspace</source>
        <translation>工作空间</translation>
    </message>
    <message>
        <location filename="../../ui/review_controls.py" line="54"/>
        <source>Your name, recorded with every step</source>
        <translation>您的姓名，每一步都会记录</translation>
    </message>
    <message>
        <location filename="../../ui/review_controls.py" line="57"/>
        <source>Your part in the case loop: it decides the steps the dock offers</source>
        <translation>您在案件流程中的角色：决定面板提供哪些操作</translation>
    </message>
    <message>
        <location filename="../../ui/review_controls.py" line="62"/>
        <source>Options of the review dock</source>
        <translation>举证审核面板选项</translation>
    </message>
    <message>
        <location filename="../../ui/review_controls.py" line="65"/>
        <source>Single-letter keys: A approves, B sends back (off by default)</source>
        <translation>单字母快捷键：A 审核通过，B 退回（默认关闭）</translation>
    </message>
    <message>
        <location filename="../../ui/review_controls.py" line="71"/>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <location filename="../../ui/review_controls.py" line="73"/>
        <source>Open the review as a wide window of its own (for a second monitor); press again to dock it beside the map</source>
        <translation>在单独的宽窗口中打开举证审核（可拖到第二块屏幕）；再按一次停靠回地图旁</translation>
    </message>
    <message>
        <location filename="../../ui/review_controls.py" line="76"/>
        <source>Reviewer</source>
        <translation>审核人</translation>
    </message>
    <message>
        <location filename="../../ui/review_controls.py" line="76"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../ui/review_controls.py" line="88"/>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../ui/review_controls.py" line="92"/>
        <source>Unit code prefix</source>
        <translation>单位代码前缀</translation>
    </message>
    <message>
        <location filename="../../ui/review_controls.py" line="95"/>
        <source>Person</source>
        <translation>责任人</translation>
    </message>
    <message>
        <location filename="../../ui/review_controls.py" line="99"/>
        <source>Overdue only</source>
        <translation>仅显示超期</translation>
    </message>
    <message>
        <location filename="../../ui/review_controls.py" line="100"/>
        <source>Overdue</source>
        <translation>超期</translation>
    </message>
    <message>
        <location filename="../../ui/review_controls.py" line="100"/>
        <source>Rows shaded red are overdue: past their due date and not closed</source>
        <translation>红色底纹的行为超期案件：已过截止日期且未结案</translation>
    </message>
    <message>
        <location filename="../../ui/review_controls.py" line="104"/>
        <source>Read the cases again from the workspace (others may have changed them)</source>
        <translation>从工作空间重新读取案件（他人可能已修改）</translation>
    </message>
    <message>
        <location filename="../../ui/review_controls.py" line="48"/>
        <source>Reading from the workspace…</source>
        <translation>正在读取工作空间…</translation>
    </message>
    <message>
        <location filename="../../ui/review_controls.py" line="123"/>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <location filename="../../ui/review_controls.py" line="125"/>
        <source>Connect to the workspace again and read it anew</source>
        <translation>重新连接工作空间并重新读取</translation>
    </message>
</context>
<context>
    <name>RunCountiesAlgorithm</name>
    <message>
        <location filename="../../processing/run_counties.py" line="78"/>
        <source>Run many counties (batch)</source>
        <translation>多县批处理</translation>
    </message>
    <message>
        <location filename="../../processing/run_counties.py" line="81"/>
        <source>Runs the grid, the space codes and the quota overlay for every county of a city at once (多县批处理), in parallel, and merges them into one GeoPackage with the city and province cells on top.

Give: the county parcel layers (COUNTIES) and/or a folder of county files (FOLDER, layer PARCEL_LAYER, default dltb); the field names (CODE_FIELD, CLASS_FIELD, FARMLAND_CLASSES, AREA_FIELD); the city's roster (ROSTER), targets (TARGETS), permanent basic farmland (PBF) and change patches (CHANGES), one file each for all counties; the quota level (LEVEL) and the number of worker processes (WORKERS).

Out comes the city's GeoPackage (OUTPUT): grid cells of every county with the city's on top, issues, coded parcels, quota units with a 合计 row, the county checks and county_runs (each county merged or failed, and why). A county that fails is named with its error; the others are merged. A second run redoes only what changed. JOB_LIST writes the command lines instead, for a cluster; MERGE_ONLY merges what they wrote.

Example: the folder of a city's county GeoPackages and the city's targets: one city GeoPackage, the city's farmland the exact sum of its counties'.</source>
        <translation>一次为全市各县运行网格划分、空间编码和指标叠加分析（多县批处理），并行处理，并合并为一个 GeoPackage，其上生成市级和省级网格。

需提供：各县地类图斑图层（COUNTIES）和/或县级数据文件夹（FOLDER，图层 PARCEL_LAYER，默认 dltb）；字段名（CODE_FIELD、CLASS_FIELD、FARMLAND_CLASSES、AREA_FIELD）；全市的责任人名册（ROSTER）、目标表（TARGETS）、永久基本农田（PBF）和变化图斑（CHANGES），各县共用一个文件；指标统计级别（LEVEL）和工作进程数（WORKERS）。

输出：全市 GeoPackage（OUTPUT）：各县网格及其上的市级网格、问题清单、已编码图斑、含合计行的指标单位、各县核查结果和 county_runs（各县合并成功或失败及原因）。失败的县会注明错误，其余照常合并。再次运行只重做有变化的部分。JOB_LIST 改为写出命令行，供集群运行；MERGE_ONLY 合并其结果。

示例：某市各县 GeoPackage 所在文件夹和全市目标表：得到一个全市 GeoPackage，全市耕地恰为各县之和。</translation>
    </message>
    <message>
        <location filename="../../processing/run_counties.py" line="99"/>
        <source>County parcel layers (DLTB)</source>
        <translation>各县地类图斑图层(DLTB)</translation>
    </message>
    <message>
        <location filename="../../processing/run_counties.py" line="104"/>
        <source>Folder of county files</source>
        <translation>各县数据文件夹</translation>
    </message>
    <message>
        <location filename="../../processing/run_counties.py" line="109"/>
        <source>Parcel layer name in the county files</source>
        <translation>县数据文件中的图斑图层名</translation>
    </message>
    <message>
        <location filename="../../processing/run_counties.py" line="111"/>
        <source>Location unit code field</source>
        <translation>坐落单位代码字段</translation>
    </message>
    <message>
        <location filename="../../processing/run_counties.py" line="111"/>
        <source>Land class field</source>
        <translation>地类编码字段</translation>
    </message>
    <message>
        <location filename="../../processing/run_counties.py" line="117"/>
        <source>Farmland land classes (comma separated)</source>
        <translation>耕地地类（逗号分隔）</translation>
    </message>
    <message>
        <location filename="../../processing/run_counties.py" line="111"/>
        <source>Area field in m² (empty: measure geometry)</source>
        <translation>面积字段，平方米（留空则按几何计算）</translation>
    </message>
    <message>
        <location filename="../../processing/run_counties.py" line="122"/>
        <source>Roster of responsible persons</source>
        <translation>责任人名册</translation>
    </message>
    <message>
        <location filename="../../processing/run_counties.py" line="122"/>
        <source>Targets table</source>
        <translation>目标表</translation>
    </message>
    <message>
        <location filename="../../processing/run_counties.py" line="122"/>
        <source>Permanent basic farmland</source>
        <translation>永久基本农田</translation>
    </message>
    <message>
        <location filename="../../processing/run_counties.py" line="122"/>
        <source>Change patches</source>
        <translation>变化图斑</translation>
    </message>
    <message>
        <location filename="../../processing/run_counties.py" line="129"/>
        <source>Quota unit level</source>
        <translation>指标核算单位层级</translation>
    </message>
    <message>
        <location filename="../../processing/run_counties.py" line="129"/>
        <source>County</source>
        <translation>县</translation>
    </message>
    <message>
        <location filename="../../processing/run_counties.py" line="129"/>
        <source>Township</source>
        <translation>乡镇/街道</translation>
    </message>
    <message>
        <location filename="../../processing/run_counties.py" line="129"/>
        <source>Village</source>
        <translation>行政村</translation>
    </message>
    <message>
        <location filename="../../processing/run_counties.py" line="129"/>
        <source>Villager group</source>
        <translation>村民小组</translation>
    </message>
    <message>
        <location filename="../../processing/run_counties.py" line="137"/>
        <source>Worker processes</source>
        <translation>工作进程数</translation>
    </message>
    <message>
        <location filename="../../processing/run_counties.py" line="140"/>
        <source>Each worker holds one county&apos;s step at a time; about 1.2 GiB for 500,000 parcels.</source>
        <translation>每个工作进程一次只处理一个县的一个步骤；50万个图斑约需1.2 GiB内存。</translation>
    </message>
    <message>
        <location filename="../../processing/run_counties.py" line="141"/>
        <source>Only merge (after running a job list)</source>
        <translation>仅合并(运行任务列表之后)</translation>
    </message>
    <message>
        <location filename="../../processing/run_counties.py" line="146"/>
        <source>City GeoPackage</source>
        <translation>市级GeoPackage</translation>
    </message>
    <message>
        <location filename="../../processing/run_counties.py" line="146"/>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage 文件 (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../../processing/run_counties.py" line="149"/>
        <source>Job list instead of running (text)</source>
        <translation>只写任务列表、不运行(文本)</translation>
    </message>
    <message>
        <location filename="../../processing/run_counties.py" line="149"/>
        <source>Text file (*.txt)</source>
        <translation>文本文件 (*.txt)</translation>
    </message>
    <message>
        <location filename="../../processing/run_counties.py" line="158"/>
        <source>Counties merged</source>
        <translation>已合并县数</translation>
    </message>
    <message>
        <location filename="../../processing/run_counties.py" line="159"/>
        <source>Counties failed</source>
        <translation>失败县数</translation>
    </message>
    <message>
        <location filename="../../processing/run_counties.py" line="160"/>
        <source>Steps run (county:step)</source>
        <translation>已运行步骤(县:步骤)</translation>
    </message>
    <message>
        <location filename="../../processing/run_counties.py" line="161"/>
        <source>Jobs in the job list</source>
        <translation>任务列表中的任务数</translation>
    </message>
    <message>
        <location filename="../../processing/run_counties.py" line="162"/>
        <source>Merge command after the job list</source>
        <translation>任务列表完成后的合并命令</translation>
    </message>
    <message>
        <location filename="../../processing/run_counties.py" line="168"/>
        <source>it is not a file layer; save it as a GeoPackage first</source>
        <translation>它不是文件图层；请先另存为GeoPackage</translation>
    </message>
    <message>
        <location filename="../../processing/run_counties.py" line="179"/>
        <source>Give the county parcel layers or a folder of county files</source>
        <translation>请给出各县图斑图层或各县数据文件夹</translation>
    </message>
    <message>
        <location filename="../../processing/run_counties.py" line="184"/>
        <source>{0} must be a file (CSV, GeoPackage, Shapefile) for the workers to read</source>
        <translation>{0} 必须是文件(CSV、GeoPackage、Shapefile)，工作进程才能读取</translation>
    </message>
    <message>
        <location filename="../../processing/run_counties.py" line="258"/>
        <source>County {0}: {1}</source>
        <translation>县 {0}：{1}</translation>
    </message>
    <message>
        <location filename="../../processing/run_counties.py" line="241"/>
        <source>{0} jobs written to {1}; run them, e.g. parallel &lt; {1}, then: {2}</source>
        <translation>已将 {0} 个任务写入 {1}；请运行它们(例如 parallel &lt; {1})，然后运行：{2}</translation>
    </message>
    <message>
        <location filename="../../processing/run_counties.py" line="253"/>
        <source>{0} failed: {1}</source>
        <translation>{0} 失败：{1}</translation>
    </message>
    <message>
        <location filename="../../processing/run_counties.py" line="265"/>
        <source>Merging {0} counties into {1}…</source>
        <translation>正在将 {0} 个县合并到 {1}…</translation>
    </message>
    <message>
        <location filename="../../processing/run_counties.py" line="271"/>
        <source>Merged in {0:.1f} s: {1}</source>
        <translation>合并用时 {0:.1f} 秒：{1}</translation>
    </message>
    <message>
        <location filename="../../processing/run_counties.py" line="286"/>
        <source>County {0}: {1} is up to date</source>
        <translation>县 {0}：{1} 已是最新</translation>
    </message>
    <message>
        <location filename="../../processing/run_counties.py" line="294"/>
        <source>County {0}: {1} done in {2:.0f} s</source>
        <translation>县 {0}：{1} 完成，用时 {2:.0f} 秒</translation>
    </message>
    <message>
        <location filename="../../processing/run_counties.py" line="297"/>
        <source>County {0}: {1} failed: {2}</source>
        <translation>县 {0}：{1} 失败：{2}</translation>
    </message>
    <message>
        <location filename="../../processing/run_counties.py" line="300"/>
        <source>Running {0} steps in {1} worker processes…</source>
        <translation>正在用 {1} 个工作进程运行 {0} 个步骤…</translation>
    </message>
</context>
<context>
    <name>SpaceCodeLocatorFilter</name>
    <message>
        <location filename="../../ui/locator.py" line="75"/>
        <source>Parcel space codes and grid codes</source>
        <translation>地块空间码与网格编码</translation>
    </message>
    <message>
        <location filename="../../ui/locator.py" line="130"/>
        <source>Not a valid space code</source>
        <translation>不是有效的地块空间码</translation>
    </message>
</context>
<context>
    <name>ThumbnailStrip</name>
    <message>
        <location filename="../../ui/review_photos.py" line="140"/>
        <source>Evidence thumbnails of case {case_id}</source>
        <translation>案件 {case_id} 的举证缩略图</translation>
    </message>
    <message>
        <location filename="../../ui/review_photos.py" line="162"/>
        <source>not read</source>
        <translation>未读取</translation>
    </message>
    <message>
        <location filename="../../ui/review_photos.py" line="186"/>
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
<context>
    <name>WorkspacePicker</name>
    <message>
        <location filename="../../ui/workspace_picker.py" line="47"/>
        <source>GeoPackage file, postgres:CONNECTION, service=NAME or URI</source>
        <translation>GeoPackage 文件、postgres:连接名、service=服务名或 URI</translation>
    </message>
    <message>
        <location filename="../../ui/workspace_picker.py" line="48"/>
        <source>The case workspace: a GeoPackage file (one user), or a PostgreSQL workspace shared by several users — a connection saved in QGIS (postgres:NAME), a service of pg_service.conf (service=NAME) or a postgresql:// address. Passwords are never remembered.</source>
        <translation>案件工作空间:GeoPackage 文件(单人使用),或多人共用的 PostgreSQL 工作空间——QGIS 中保存的连接(postgres:名称)、pg_service.conf 中的服务(service=名称)或 postgresql:// 地址。密码从不保存。</translation>
    </message>
    <message>
        <location filename="../../ui/workspace_picker.py" line="57"/>
        <source>Choose a workspace GeoPackage</source>
        <translation>选择工作空间 GeoPackage 文件</translation>
    </message>
    <message>
        <location filename="../../ui/workspace_picker.py" line="95"/>
        <source>Choose the case workspace</source>
        <translation>选择案件工作空间</translation>
    </message>
    <message>
        <location filename="../../ui/workspace_picker.py" line="95"/>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage 文件 (*.gpkg)</translation>
    </message>
</context>
</TS>
