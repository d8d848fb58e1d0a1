<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Actions</name>
    <message>
        <source>Grid map</source>
        <translation>网格地图</translation>
    </message>
    <message>
        <source>Incident queue</source>
        <translation>事件队列</translation>
    </message>
    <message>
        <source>Staff boards</source>
        <translation>站点人员</translation>
    </message>
    <message>
        <source>Joint meeting</source>
        <translation>联席会议</translation>
    </message>
    <message>
        <source>Emergency linkage</source>
        <translation>应急联动</translation>
    </message>
    <message>
        <source>Home visits</source>
        <translation>入户走访</translation>
    </message>
    <message>
        <source>Register incident…</source>
        <translation>登记事件…</translation>
    </message>
    <message>
        <source>Register a new incident; on the map, click where it happened</source>
        <translation>登记新事件：在地图上点击事发位置</translation>
    </message>
    <message>
        <source>Dispatch…</source>
        <translation>分流…</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>受理</translation>
    </message>
    <message>
        <source>On site…</source>
        <translation>到场…</translation>
    </message>
    <message>
        <source>Record that a handler, or the professional forces, reached the scene (key O in the queue)</source>
        <translation>记录处置人员或专业力量到达现场（队列中按 O 键）</translation>
    </message>
    <message>
        <source>Record feedback…</source>
        <translation>反馈…</translation>
    </message>
    <message>
        <source>Return for rework…</source>
        <translation>退回重办…</translation>
    </message>
    <message>
        <source>Close…</source>
        <translation>办结…</translation>
    </message>
    <message>
        <source>Evaluate…</source>
        <translation>评价…</translation>
    </message>
    <message>
        <source>Find on map…</source>
        <translation>在地图上查找…</translation>
    </message>
    <message>
        <source>Find a grid, village, group, incident number or address on the map</source>
        <translation>在地图上查找网格、村社、村民小组、事件编号或地址</translation>
    </message>
    <message>
        <source>Export map as web page…</source>
        <translation>导出地图为网页…</translation>
    </message>
    <message>
        <source>A folder that opens in any browser, with no network, for a presentation laptop</source>
        <translation>导出为文件夹，任何浏览器离线打开，便于汇报用笔记本演示</translation>
    </message>
    <message>
        <source>Export map as picture…</source>
        <translation>导出地图为图片…</translation>
    </message>
    <message>
        <source>Import grids, police cells or villages…</source>
        <translation>导入网格、警格或村社…</translation>
    </message>
    <message>
        <source>Import address gazetteer…</source>
        <translation>导入标准地址库…</translation>
    </message>
    <message>
        <source>Import incidents (CSV or XLSX)…</source>
        <translation>导入事件（CSV 或 XLSX）…</translation>
    </message>
    <message>
        <source>Incidents exported by a county platform; a file with any bad row is refused whole</source>
        <translation>县级平台导出的事件；文件中有任何一行有误即整体不予导入</translation>
    </message>
    <message>
        <source>Checks after closing…</source>
        <translation>办结后抽查…</translation>
    </message>
    <message>
        <source>The month&apos;s random 10% quality review and the follow-up visits (回头看): draw them, record each verdict</source>
        <translation>每月随机抽取10%事件质量评估及回头看：抽取并逐件记录结论</translation>
    </message>
    <message>
        <source>Paperwork for overdue items…</source>
        <translation>逾期事项清单单据…</translation>
    </message>
    <message>
        <source>Weekly list, reminder slips and supervision sheets (PDF), the ledger (XLSX)</source>
        <translation>周清单、提示单、盯办单（PDF）及台账（XLSX）</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Read everything again from the database</source>
        <translation>从数据库重新读取全部内容</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>About</source>
        <translation>关于</translation>
    </message>
</context>
<context>
    <name>ActivateDialog</name>
    <message>
        <source>Activate the response</source>
        <translation>启动应急响应</translation>
    </message>
    <message>
        <source>Why: the warning, the gauge, what was seen</source>
        <translation>启动理由：预警、雨量站读数、现场情况</translation>
    </message>
    <message>
        <source>Plan for</source>
        <translation>预案</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>响应级别</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
</context>
<context>
    <name>AgendaView</name>
    <message>
        <source>Registered</source>
        <translation>登记数</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>办结数</translation>
    </message>
    <message>
        <source>Closed rate</source>
        <translation>办结率</translation>
    </message>
    <message>
        <source>Open now</source>
        <translation>当前未办结</translation>
    </message>
    <message>
        <source>Carded now</source>
        <translation>当前亮牌</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>No meeting planned</source>
        <translation>暂无会议安排</translation>
    </message>
    <message>
        <source>Period since the last meeting (%1)</source>
        <translation>自上次会议（%1）以来</translation>
    </message>
    <message>
        <source>Active %1 warning, level %2</source>
        <translation>%1预警生效中：%2</translation>
    </message>
    <message>
        <source>Gauge %1 above its warning line: %2</source>
        <translation>测站 %1 超警戒线：%2</translation>
    </message>
    <message>
        <source>High-risk hazard point %1: %2 persons threatened</source>
        <translation>高风险隐患点 %1：威胁 %2 人</translation>
    </message>
    <message>
        <source>Hotspot grid %1: %2 open incidents</source>
        <translation>热点网格 %1：%2 项未办结</translation>
    </message>
    <message>
        <source>Nothing to discuss</source>
        <translation>暂无待议事项</translation>
    </message>
</context>
<context>
    <name>ArriveDialog</name>
    <message>
        <source>Report arrival on site</source>
        <translation>登记到场</translation>
    </message>
    <message>
        <source>Someone on site (到达现场)</source>
        <translation>到达现场</translation>
    </message>
    <message>
        <source>Professional forces on site (专业力量到场)</source>
        <translation>专业力量到场</translation>
    </message>
    <message>
        <source>Who is there, what they found</source>
        <translation>到场人员及现场情况</translation>
    </message>
    <message>
        <source>Who arrived</source>
        <translation>到场人员</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>BoardsView</name>
    <message>
        <source>Key area</source>
        <translation>重点区域</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>班次</translation>
    </message>
    <message>
        <source>Crew</source>
        <translation>巡逻人员</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Double-click or press Enter to show the area on the map</source>
        <translation>双击或按回车在地图上显示该区域</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>队伍</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>Captain</source>
        <translation>队长</translation>
    </message>
    <message>
        <source>Party</source>
        <translation>党员</translation>
    </message>
    <message>
        <source>Women</source>
        <translation>女性</translation>
    </message>
    <message>
        <source>Aged 18–55</source>
        <translation>18–55岁</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Key-area patrols today</source>
        <translation>今日重点区域巡逻</translation>
    </message>
    <message>
        <source>Volunteer police teams</source>
        <translation>义警队伍</translation>
    </message>
    <message>
        <source>%1 on duty now · volunteers %2: party %3, aged 18–55 %4, women %5</source>
        <translation>%1 人在岗 · 义警 %2 人：党员 %3，18–55岁 %4，女性 %5</translation>
    </message>
    <message>
        <source>On patrol</source>
        <translation>巡逻中</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已结束</translation>
    </message>
    <message>
        <source>Upcoming</source>
        <translation>待开始</translation>
    </message>
    <message>
        <source>Stopped: hazard area under warning</source>
        <translation>已暂停：隐患区域预警中</translation>
    </message>
    <message>
        <source>size</source>
        <translation>人数不达标</translation>
    </message>
    <message>
        <source>no woman</source>
        <translation>无女队员</translation>
    </message>
    <message>
        <source>no party member</source>
        <translation>无党员</translation>
    </message>
    <message>
        <source>no captain</source>
        <translation>无队长</translation>
    </message>
    <message>
        <source>no vice-captain</source>
        <translation>无副队长</translation>
    </message>
</context>
<context>
    <name>CheckInDialog</name>
    <message>
        <source>Check in at %1</source>
        <translation>%1 入住登记</translation>
    </message>
    <message>
        <source>Head of household, e.g. 王某某户</source>
        <translation>户主，如 王某某户</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>户</translation>
    </message>
    <message>
        <source>Persons</source>
        <translation>人数</translation>
    </message>
</context>
<context>
    <name>DemoMark</name>
    <message>
        <source>Demo data</source>
        <translation>演示数据</translation>
    </message>
    <message>
        <source>This database holds a fictional demo township, not real data</source>
        <translation>本数据库是虚构的演示乡镇，不是真实数据</translation>
    </message>
</context>
<context>
    <name>DeskStatusBar</name>
    <message>
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <source>On duty: %1</source>
        <translation>在岗：%1</translation>
    </message>
    <message>
        <source>Open red cards: %1</source>
        <translation>未办结红牌：%1</translation>
    </message>
    <message>
        <source>Yellow: %1</source>
        <translation>黄牌：%1</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>预警：%1</translation>
    </message>
</context>
<context>
    <name>DispatchDialog</name>
    <message>
        <source>Dispatch incident</source>
        <translation>分流事件</translation>
    </message>
    <message>
        <source>(department decides)</source>
        <translation>（由部门指定）</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>责任部门</translation>
    </message>
    <message>
        <source>Handler</source>
        <translation>承办人</translation>
    </message>
    <message>
        <source>Handling level</source>
        <translation>办理层级</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>DrillDialog</name>
    <message>
        <source>Start a drill</source>
        <translation>开始演练</translation>
    </message>
    <message>
        <source>Open a scenario file…</source>
        <translation>打开演练脚本文件…</translation>
    </message>
    <message>
        <source>The script also performs the expected responses (rehearsal)</source>
        <translation>由脚本完成预期应对（预演）</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>演练脚本</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
</context>
<context>
    <name>EmergencyView</name>
    <message>
        <source>Gauge</source>
        <translation>测站</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Latest</source>
        <translation>最新时间</translation>
    </message>
    <message>
        <source>Hazard point</source>
        <translation>隐患点</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村（社区）</translation>
    </message>
    <message>
        <source>Risk</source>
        <translation>风险</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>户数</translation>
    </message>
    <message>
        <source>Persons</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>Monitor</source>
        <translation>群测群防员</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Shelter</source>
        <translation>安置点</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>撤离路线</translation>
    </message>
    <message>
        <source>Last inspected</source>
        <translation>最近巡查</translation>
    </message>
    <message>
        <source>Signs</source>
        <translation>变形迹象</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>容量</translation>
    </message>
    <message>
        <source>Occupancy</source>
        <translation>已安置</translation>
    </message>
    <message>
        <source>Supplies</source>
        <translation>物资储备</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>处置措施</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>时限</translation>
    </message>
    <message>
        <source>Double-click or press Enter to show it on the map</source>
        <translation>双击或按回车在地图上定位</translation>
    </message>
    <message>
        <source>Hazard</source>
        <translation>灾种</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>依据</translation>
    </message>
    <message>
        <source>Effective</source>
        <translation>生效</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>失效</translation>
    </message>
    <message>
        <source>Issued by</source>
        <translation>发布单位</translation>
    </message>
    <message>
        <source>Lift</source>
        <translation>解除</translation>
    </message>
    <message>
        <source>Export as CAP…</source>
        <translation>导出为CAP…</translation>
    </message>
    <message>
        <source>Import CAP…</source>
        <translation>导入CAP预警…</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>预警</translation>
    </message>
    <message>
        <source>Drill</source>
        <translation>演练</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Threatened households</source>
        <translation>受威胁住户</translation>
    </message>
    <message>
        <source>Gauges</source>
        <translation>监测站点</translation>
    </message>
    <message>
        <source>Hazard points</source>
        <translation>隐患点</translation>
    </message>
    <message>
        <source>Shelters</source>
        <translation>安置点</translation>
    </message>
    <message>
        <source>Plan steps for this level</source>
        <translation>本级预案步骤</translation>
    </message>
    <message>
        <source>Past drills</source>
        <translation>演练记录</translation>
    </message>
    <message>
        <source>Issue a warning…</source>
        <translation>发布预警…</translation>
    </message>
    <message>
        <source>Activate response…</source>
        <translation>启动响应…</translation>
    </message>
    <message>
        <source>Log an event…</source>
        <translation>记录事件…</translation>
    </message>
    <message>
        <source>Stand down…</source>
        <translation>结束响应…</translation>
    </message>
    <message>
        <source>Drill…</source>
        <translation>演练…</translation>
    </message>
    <message>
        <source>Hazard cards…</source>
        <translation>明白卡…</translation>
    </message>
    <message>
        <source>Import a CAP warning</source>
        <translation>导入CAP预警</translation>
    </message>
    <message>
        <source>Export as CAP</source>
        <translation>导出为CAP</translation>
    </message>
    <message>
        <source>Drill paused: %1</source>
        <translation>演练已暂停：%1</translation>
    </message>
    <message>
        <source>Patrols in hazard areas are stopped: %1</source>
        <translation>隐患区域巡逻已暂停：%1</translation>
    </message>
    <message>
        <source>Patrols in hazard areas are stopped</source>
        <translation>隐患区域巡逻已暂停</translation>
    </message>
    <message>
        <source>Proposed: activate the %1 response at %2 (%3)</source>
        <translation>建议启动%1%2响应（%3）</translation>
    </message>
    <message>
        <source>DRILL (演练) under way: %1, drill time %2, %3× speed — nothing here is real</source>
        <translation>【演练进行中】%1，演练时间 %2，%3 倍速——以下均为演练数据</translation>
    </message>
    <message>
        <source>Last drill: %1, score %2; report: %3</source>
        <translation>上次演练：%1，得分 %2；评估报告：%3</translation>
    </message>
    <message>
        <source>No emergency record is open</source>
        <translation>当前未启动应急响应</translation>
    </message>
    <message>
        <source>%1 at %2 since %3</source>
        <translation>%1 %2响应，%3 启动</translation>
    </message>
    <message>
        <source>End drill</source>
        <translation>结束演练</translation>
    </message>
    <message>
        <source>By hand</source>
        <translation>人工录入</translation>
    </message>
    <message>
        <source>Gauge threshold</source>
        <translation>雨量阈值</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1分钟</translation>
    </message>
    <message>
        <source>Hazard point cards</source>
        <translation>隐患点明白卡</translation>
    </message>
    <message>
        <source>Rain</source>
        <translation>雨量</translation>
    </message>
    <message>
        <source>River</source>
        <translation>水位</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>title</source>
        <translation>事项标题</translation>
    </message>
    <message>
        <source>category</source>
        <translation>事项类别</translation>
    </message>
    <message>
        <source>matter</source>
        <translation>事项性质</translation>
    </message>
    <message>
        <source>source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>handling level</source>
        <translation>办理层级</translation>
    </message>
    <message>
        <source>reporter phone</source>
        <translation>反映人电话</translation>
    </message>
    <message>
        <source>department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>handler</source>
        <translation>承办人</translation>
    </message>
    <message>
        <source>incident</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>feedback</source>
        <translation>反馈内容</translation>
    </message>
    <message>
        <source>reason for rework</source>
        <translation>退回理由</translation>
    </message>
    <message>
        <source>item type</source>
        <translation>事项类型</translation>
    </message>
    <message>
        <source>address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>description</source>
        <translation>情况描述</translation>
    </message>
    <message>
        <source>reporter</source>
        <translation>反映人</translation>
    </message>
    <message>
        <source>longitude</source>
        <translation>经度</translation>
    </message>
    <message>
        <source>latitude</source>
        <translation>纬度</translation>
    </message>
    <message>
        <source>Please fill in the %1.</source>
        <translation>请填写%1。</translation>
    </message>
    <message>
        <source>Please choose the %1.</source>
        <translation>请选择%1。</translation>
    </message>
    <message>
        <source>The %1 &apos;%2&apos; is not one the desk knows.</source>
        <translation>%1“%2”不在系统可选范围内。</translation>
    </message>
    <message>
        <source>The %1 &apos;%2&apos; is not a phone number: a mobile (11 digits), a landline with its area code (0571-88886666) or a local number.</source>
        <translation>%1“%2”不是有效电话号码：应为11位手机号、带区号的固定电话（如 0571-88886666）或本地号码。</translation>
    </message>
    <message>
        <source>The %1 is not in the expected form.</source>
        <translation>%1的格式不正确。</translation>
    </message>
    <message>
        <source>The %1 is too long: at most %2 characters.</source>
        <translation>%1过长：最多%2个字。</translation>
    </message>
    <message>
        <source>The coordinate %1, %2 is not on Earth.</source>
        <translation>坐标 %1, %2 超出经纬度范围。</translation>
    </message>
    <message>
        <source>The point %1, %2 lies outside every grid: pick a point inside the township.</source>
        <translation>位置 %1, %2 不在任何网格内：请在本镇范围内选点。</translation>
    </message>
    <message>
        <source>The %1 no longer exists (it may have been removed at another seat).</source>
        <translation>该%1已不存在（可能已在其他席位删除）。</translation>
    </message>
    <message>
        <source>%2 cannot be sent incidents to handle.</source>
        <translation>%2不能被分派处理事件。</translation>
    </message>
    <message>
        <source>Satisfaction is rated 1 to 5.</source>
        <translation>满意度为1至5分。</translation>
    </message>
    <message>
        <source>Another seat changed this incident meanwhile. Look again, then retry.</source>
        <translation>其他席位刚刚修改了该事件，请核对后重试。</translation>
    </message>
    <message>
        <source>%1 is %2 now: it cannot be sent to “%3”.</source>
        <translation>%1 当前为“%2”，不能执行“%3”。</translation>
    </message>
    <message>
        <source>You registered %1, so another person must “%2” it (separation of duties).</source>
        <translation>%1由您登记，须由他人执行“%2”（三员分离）。</translation>
    </message>
    <message>
        <source>%1 is handled by another person or station.</source>
        <translation>%1由其他人员或站点办理。</translation>
    </message>
    <message>
        <source>Your account (%1) may not do this.</source>
        <translation>您的账号（%1）无权执行此操作。</translation>
    </message>
    <message>
        <source>Your account (%1) is not active in this database. Ask the administrator.</source>
        <translation>您的账号（%1）在本数据库中未启用，请联系管理员。</translation>
    </message>
    <message>
        <source>Wrong login or password.</source>
        <translation>账号或密码错误。</translation>
    </message>
    <message>
        <source>Too many failed sign-ins: the account is locked until %2.</source>
        <translation>登录失败次数过多，账号已锁定至 %2。</translation>
    </message>
    <message>
        <source>The account is disabled. Ask the administrator.</source>
        <translation>该账号已停用，请联系管理员。</translation>
    </message>
    <message>
        <source>Enter the code from the authenticator app.</source>
        <translation>请输入身份验证器中的动态码。</translation>
    </message>
    <message>
        <source>The wall signs in with a wall account (read-only).</source>
        <translation>大屏须使用大屏专用账号（只读）登录。</translation>
    </message>
    <message>
        <source>This is a real township&apos;s database: sign in at the desk.</source>
        <translation>这是正式数据库，请在指挥台登录。</translation>
    </message>
    <message>
        <source>No evacuation is under way for this: no emergency record is open, or the person lives in no threatened household.</source>
        <translation>当前没有相应的转移安置：应急响应未启动，或该人员不属于受威胁住户。</translation>
    </message>
    <message>
        <source>That is already recorded.</source>
        <translation>已登记过，无需重复。</translation>
    </message>
    <message>
        <source>The emergency record is already at this level or higher.</source>
        <translation>应急响应已处于该级别或更高级别。</translation>
    </message>
    <message>
        <source>The emergency record is closed.</source>
        <translation>本次应急响应已结束。</translation>
    </message>
    <message>
        <source>The value given for %1 is out of range.</source>
        <translation>%1 的取值超出范围。</translation>
    </message>
    <message>
        <source>%2: nothing imported; every problem is listed by row.</source>
        <translation>%2：未导入任何数据，问题已逐行列出。</translation>
    </message>
    <message>
        <source>%2 could not be read as a list of residents.</source>
        <translation>%2 无法读取为人员名单。</translation>
    </message>
    <message>
        <source>%2 is not a sound backup.</source>
        <translation>%2 不是完好的备份。</translation>
    </message>
    <message>
        <source>The database is busy with another seat&apos;s write. Please try again shortly.</source>
        <translation>数据库暂时被其他席位占用，请稍后重试。</translation>
    </message>
    <message>
        <source>The disk holding the database is full: nothing was saved. Tell the administrator, then try again.</source>
        <translation>磁盘已满，未保存任何内容。请通知管理员后重试。</translation>
    </message>
    <message>
        <source>The database cannot be written (it is read-only): nothing was saved. Tell the administrator.</source>
        <translation>数据库无法写入（只读），未保存任何内容。请通知管理员。</translation>
    </message>
    <message>
        <source>Another seat wrote a conflicting record at the same moment: nothing was saved. Please try again.</source>
        <translation>其他席位同时写入了冲突的记录，未保存任何内容。请重试。</translation>
    </message>
    <message>
        <source>The database could not save this: nothing was saved. Please try again; if it keeps failing, tell the administrator.</source>
        <translation>数据库保存失败，未保存任何内容。请重试；如仍失败，请通知管理员。</translation>
    </message>
    <message>
        <source>Something went wrong and nothing was saved. Please try again; if it keeps failing, tell the administrator (the desk&apos;s log has the details).</source>
        <translation>操作出错，未保存任何内容。请重试；如仍失败，请通知管理员（详情见指挥台日志）。</translation>
    </message>
    <message>
        <source>There is no database at %1. Check the path, or create one with “python -m desk init --db PATH”.</source>
        <translation>%1 处没有数据库。请检查路径，或用“python -m desk init --db PATH”创建。</translation>
    </message>
    <message>
        <source>%1 is an empty file, not a desk database. Check the path, or create a database with “python -m desk init --db PATH”.</source>
        <translation>%1 是空文件，不是指挥台数据库。请检查路径，或用“python -m desk init --db PATH”创建数据库。</translation>
    </message>
    <message>
        <source>%1 is not a desk database. Check the path.</source>
        <translation>%1 不是指挥台数据库，请检查路径。</translation>
    </message>
    <message>
        <source>The database %1 is damaged. Restore it from a backup.</source>
        <translation>数据库 %1 已损坏，请从备份恢复。</translation>
    </message>
    <message>
        <source>The database %1 was made by an older version of the desk. Open it once with the desk to bring it up to date.</source>
        <translation>数据库 %1 由旧版指挥台创建，请先用指挥台打开一次以完成升级。</translation>
    </message>
    <message>
        <source>Nothing was imported from %1: fix these features and try again.</source>
        <translation>%1 未导入任何内容：请修正以下要素后重试。</translation>
    </message>
    <message>
        <source>%1 cannot be read as GeoJSON or a zipped Shapefile: %2</source>
        <translation>%1 无法作为 GeoJSON 或 Shapefile 压缩包读取：%2</translation>
    </message>
    <message>
        <source>%1 is in projected coordinates, not degrees. Export it again as WGS-84 longitude/latitude (EPSG:4326).</source>
        <translation>%1 使用的是投影坐标而非经纬度。请重新导出为 WGS-84 经纬度（EPSG:4326）。</translation>
    </message>
    <message>
        <source>%1 holds no features.</source>
        <translation>%1 中没有任何要素。</translation>
    </message>
    <message>
        <source>%1 cannot be imported: %2</source>
        <translation>%1 无法导入：%2</translation>
    </message>
    <message>
        <source>This database has no township yet: enter the township&apos;s name to import its first layer.</source>
        <translation>数据库中尚无乡镇：请填写乡镇名称后导入第一个图层。</translation>
    </message>
    <message>
        <source>Nothing was imported from %1: fix these rows and try again.</source>
        <translation>%1 未导入任何地址：请修正以下各行后重试。</translation>
    </message>
    <message>
        <source>%1 cannot be read as CSV or XLSX: %2</source>
        <translation>%1 无法作为 CSV 或 XLSX 读取：%2</translation>
    </message>
    <message>
        <source>%1 has no column %2 in its header row.</source>
        <translation>%1 的表头中没有“%2”列。</translation>
    </message>
    <message>
        <source>There is no active account “%1” in this database. Start the desk with --user and your login (a new database has the account “admin”).</source>
        <translation>本数据库中没有启用的账号“%1”。请用 --user 加您的登录名启动指挥台（新建的数据库有账号“admin”）。</translation>
    </message>
    <message>
        <source>%1: no %2</source>
        <translation>%1：缺少%2</translation>
    </message>
    <message>
        <source>%1: %2 “%3” is not a whole number</source>
        <translation>%1：%2“%3”不是整数</translation>
    </message>
    <message>
        <source>%1: the code is also used by feature %2</source>
        <translation>%1：编码与要素 %2 重复</translation>
    </message>
    <message>
        <source>%1: invalid polygon (%2); tick “Repair” to fix it</source>
        <translation>%1：多边形无效（%2）；勾选“修复”可自动修正</translation>
    </message>
    <message>
        <source>%1: the geometry is %2, not a polygon</source>
        <translation>%1：几何类型为 %2，不是多边形</translation>
    </message>
    <message>
        <source>%1: %2, %3 is not in China; are longitude and latitude swapped?</source>
        <translation>%1：%2, %3 不在中国境内，经纬度是否颠倒？</translation>
    </message>
    <message>
        <source>%1: no address</source>
        <translation>%1：缺少地址</translation>
    </message>
    <message>
        <source>%1: the address is too long</source>
        <translation>%1：地址过长</translation>
    </message>
    <message>
        <source>%1: longitude “%2” / latitude “%3” are not numbers</source>
        <translation>%1：经度“%2”/纬度“%3”不是数字</translation>
    </message>
    <message>
        <source>%1: %2, %3: longitude and latitude look swapped</source>
        <translation>%1：%2, %3：经纬度疑似颠倒</translation>
    </message>
    <message>
        <source>%1: “%2” is also on row %3</source>
        <translation>%1：“%2”与第 %3 行重复</translation>
    </message>
    <message>
        <source>the file holds no addresses</source>
        <translation>文件中没有地址</translation>
    </message>
    <message>
        <source>code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>village/community</source>
        <translation>所属村社</translation>
    </message>
    <message>
        <source>households</source>
        <translation>户数</translation>
    </message>
    <message>
        <source>population</source>
        <translation>人口</translation>
    </message>
    <message>
        <source>officer</source>
        <translation>责任民警</translation>
    </message>
    <message>
        <source>row %1</source>
        <translation>第 %1 行</translation>
    </message>
    <message>
        <source>feature %1</source>
        <translation>要素 %1</translation>
    </message>
</context>
<context>
    <name>EvacuationBoard</name>
    <message>
        <source>Household / person</source>
        <translation>户 / 人员</translation>
    </message>
    <message>
        <source>Address / relation</source>
        <translation>住址 / 与户主关系</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>年龄</translation>
    </message>
    <message>
        <source>Needs help</source>
        <translation>需协助</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Where now</source>
        <translation>当前去向</translation>
    </message>
    <message>
        <source>Shelter</source>
        <translation>安置点</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>%1&apos;s household</source>
        <translation>%1户</translation>
    </message>
</context>
<context>
    <name>EvacuationBoardPanel</name>
    <message>
        <source>Check in at the shelter…</source>
        <translation>安置点登记入住…</translation>
    </message>
    <message>
        <source>Moved (relatives, high ground)</source>
        <translation>已转移（投亲靠友、高处避险）</translation>
    </message>
    <message>
        <source>Away from home</source>
        <translation>不在家（已联系）</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>受威胁住户</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>年龄</translation>
    </message>
    <message>
        <source>Needs help</source>
        <translation>需协助</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>所在户</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>住址</translation>
    </message>
    <message>
        <source>Hazard point</source>
        <translation>隐患点</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Unaccounted</source>
        <translation>未核实人员</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Hazard point or village</source>
        <translation>隐患点或村</translation>
    </message>
    <message>
        <source>Last call</source>
        <translation>最近一次通话</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Call list</source>
        <translation>联络名单</translation>
    </message>
    <message>
        <source>Households (%1)</source>
        <translation>受威胁住户（%1）</translation>
    </message>
    <message>
        <source>Unaccounted (%1)</source>
        <translation>未核实人员（%1）</translation>
    </message>
    <message>
        <source>%1 marked: %2</source>
        <translation>已登记 %1 人：%2</translation>
    </message>
    <message>
        <source>Call to %1: %2</source>
        <translation>电话联系%1：%2</translation>
    </message>
</context>
<context>
    <name>EvaluateDialog</name>
    <message>
        <source>Resident&apos;s evaluation</source>
        <translation>群众评价</translation>
    </message>
    <message>
        <source>Satisfaction (1–5)</source>
        <translation>满意度（1–5）</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>Show only items with this card (several may be on)</source>
        <translation>只显示此类亮牌事项（可多选）</translation>
    </message>
    <message>
        <source>Nature</source>
        <translation>性质</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村社</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Clear filter</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Any age</source>
        <translation>不限时间</translation>
    </message>
    <message>
        <source>Registered today</source>
        <translation>今日登记</translation>
    </message>
    <message>
        <source>Registered in the last %1 days</source>
        <translation>近 %1 天登记</translation>
    </message>
</context>
<context>
    <name>FirstRunPage</name>
    <message>
        <source>The township, its villages and communities, and the grids (GeoJSON)</source>
        <translation>乡镇、村（社区）及网格（GeoJSON）</translation>
    </message>
    <message>
        <source>Police cells (GeoJSON)</source>
        <translation>警格（GeoJSON）</translation>
    </message>
    <message>
        <source>Workstations and staff (CSV or XLSX)</source>
        <translation>工作站与人员（CSV 或 XLSX）</translation>
    </message>
    <message>
        <source>Incidents (CSV or XLSX)</source>
        <translation>事件（CSV 或 XLSX）</translation>
    </message>
    <message>
        <source>Addresses for search (地名地址, CSV or XLSX)</source>
        <translation>地址库（地名地址，CSV 或 XLSX）</translation>
    </message>
    <message>
        <source>This database is empty</source>
        <translation>数据库为空</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <source>It holds no township yet. Import the real data in this order: the places first, then who works in them, then the incidents.</source>
        <translation>数据库中还没有乡镇数据。请按以下顺序导入真实数据：先导入地域，再导入在其中工作的人员，最后导入事件。</translation>
    </message>
    <message>
        <source>* Comes with a later version of the desk&apos;s import tools; this version does not have it yet.</source>
        <translation>* 该导入功能将在后续版本提供，当前版本尚不支持。</translation>
    </message>
    <message>
        <source>Only want to look around?</source>
        <translation>只想先看看？</translation>
    </message>
    <message>
        <source>Create the fictional demo township in a file of its own and open that (it is marked “Demo data” on every screen):</source>
        <translation>可在单独的文件中创建虚构的演示乡镇并打开（每个界面都会标注“演示数据”）：</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>重新检查</translation>
    </message>
    <message>
        <source>Still no township in this database.</source>
        <translation>数据库中仍然没有乡镇数据。</translation>
    </message>
</context>
<context>
    <name>GaugeCharts</name>
    <message>
        <source>River level</source>
        <translation>河道水位</translation>
    </message>
    <message>
        <source>Rainfall</source>
        <translation>降雨量</translation>
    </message>
    <message>
        <source>Which station the chart shows</source>
        <translation>图中显示的站点</translation>
    </message>
    <message>
        <source>Rain station</source>
        <translation>雨量站</translation>
    </message>
    <message>
        <source>River station</source>
        <translation>水位站</translation>
    </message>
    <message>
        <source>%1: rain per reading (bars), last 24 h (line)</source>
        <translation>%1：柱为时段雨量，线为24小时累计</translation>
    </message>
    <message>
        <source>%1 24 h %2 mm</source>
        <translation>%1 24小时 %2 毫米</translation>
    </message>
    <message>
        <source>warning level</source>
        <translation>警戒水位</translation>
    </message>
    <message>
        <source>guaranteed level</source>
        <translation>保证水位</translation>
    </message>
</context>
<context>
    <name>GisImportDialog</name>
    <message>
        <source>Governance grids</source>
        <translation>治理网格</translation>
    </message>
    <message>
        <source>Police cells</source>
        <translation>警格</translation>
    </message>
    <message>
        <source>Villages and communities</source>
        <translation>村（社区）</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Village/community</source>
        <translation>所属村社</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>户数</translation>
    </message>
    <message>
        <source>Population</source>
        <translation>人口</translation>
    </message>
    <message>
        <source>Responsible officer</source>
        <translation>责任民警</translation>
    </message>
    <message>
        <source>GIS layers (*.geojson *.json *.zip)</source>
        <translation>GIS 图层 (*.geojson *.json *.zip)</translation>
    </message>
    <message>
        <source>Import map layer</source>
        <translation>导入地图图层</translation>
    </message>
    <message>
        <source>GeoJSON file or zipped Shapefile</source>
        <translation>GeoJSON 文件或 Shapefile 压缩包</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Repair invalid polygons</source>
        <translation>修复无效多边形</translation>
    </message>
    <message>
        <source>Fix self-intersecting polygons (make_valid); each repair is listed</source>
        <translation>自动修复自相交等无效多边形（make_valid），每处修复均列出</translation>
    </message>
    <message>
        <source>Township name (first import into a new database)</source>
        <translation>乡镇名称（新数据库首次导入时填写）</translation>
    </message>
    <message>
        <source>Which column is which</source>
        <translation>字段对应</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Choose a GIS layer</source>
        <translation>选择 GIS 图层</translation>
    </message>
    <message>
        <source>(found by name)</source>
        <translation>（按字段名自动识别）</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>%1 features. Columns used: %2</source>
        <translation>共 %1 个要素。使用字段：%2</translation>
    </message>
    <message>
        <source>Repaired: %1</source>
        <translation>已修复：%1</translation>
    </message>
    <message>
        <source>%1 created, %2 updated.</source>
        <translation>新建 %1 个，更新 %2 个。</translation>
    </message>
    <message>
        <source>Villages/communities created: %1</source>
        <translation>新建村社：%1</translation>
    </message>
    <message>
        <source>Import finished</source>
        <translation>导入完成</translation>
    </message>
</context>
<context>
    <name>GroupsDialog</name>
    <message>
        <source>Groups of %1</source>
        <translation>%1的人员类别</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>人员类别</translation>
    </message>
</context>
<context>
    <name>HouseholdCheckInDialog</name>
    <message>
        <source>Check in %1&apos;s household</source>
        <translation>%1户登记入住</translation>
    </message>
    <message>
        <source>Shelter</source>
        <translation>安置点</translation>
    </message>
    <message>
        <source>Who arrived</source>
        <translation>到达人员</translation>
    </message>
</context>
<context>
    <name>IdleLock</name>
    <message>
        <source>Locked after inactivity: sign in again</source>
        <translation>长时间未操作已锁定，请重新登录</translation>
    </message>
</context>
<context>
    <name>IncidentActions</name>
    <message>
        <source>Accept incident</source>
        <translation>受理事件</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Record feedback</source>
        <translation>反馈处理情况</translation>
    </message>
    <message>
        <source>What was done</source>
        <translation>处理情况</translation>
    </message>
    <message>
        <source>Return for rework</source>
        <translation>退回重办</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>退回原因</translation>
    </message>
    <message>
        <source>Close incident</source>
        <translation>办结事件</translation>
    </message>
    <message>
        <source>Closing note</source>
        <translation>办结说明</translation>
    </message>
</context>
<context>
    <name>IncidentImportDialog</name>
    <message>
        <source>ID</source>
        <translation>事件编号</translation>
    </message>
    <message>
        <source>Reported</source>
        <translation>上报时间</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>事件类型</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>事件描述</translation>
    </message>
    <message>
        <source>Longitude</source>
        <translation>经度</translation>
    </message>
    <message>
        <source>Latitude</source>
        <translation>纬度</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>所属网格</translation>
    </message>
    <message>
        <source>Grid to be assigned (待分配网格)</source>
        <translation>待分配网格</translation>
    </message>
    <message>
        <source>Incident exports (*.csv *.xlsx)</source>
        <translation>事件导出文件 (*.csv *.xlsx)</translation>
    </message>
    <message>
        <source>Import incidents: %1</source>
        <translation>导入事件：%1</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>Problems (nothing is imported until every row is fixed)</source>
        <translation>问题（全部改正前不导入任何一行）</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>%1 rows read.</source>
        <translation>已读取 %1 行。</translation>
    </message>
    <message>
        <source>The first %1 are shown.</source>
        <translation>显示前 %1 行。</translation>
    </message>
    <message>
        <source>%1 problems: fix the file and open it again.</source>
        <translation>发现 %1 处问题：请改正文件后重新打开。</translation>
    </message>
    <message>
        <source>%1 lie more than 300 m from every grid and will be imported without one (待分配网格).</source>
        <translation>有 %1 条距所有网格超过 300 米，将不带网格导入（待分配网格）。</translation>
    </message>
    <message>
        <source>Row %1, %2: %3</source>
        <translation>第 %1 行，%2：%3</translation>
    </message>
    <message>
        <source>%1 cannot be imported: %2</source>
        <translation>%1 无法导入：%2</translation>
    </message>
    <message>
        <source>Nothing was imported from %1: fix these rows and try again.</source>
        <translation>%1 未导入任何事件：请改正以下各行后重试。</translation>
    </message>
    <message>
        <source>%1 incidents imported from %2.</source>
        <translation>已从 %2 导入 %1 条事件。</translation>
    </message>
    <message>
        <source>Grid to be assigned (待分配网格): %1</source>
        <translation>待分配网格：%1</translation>
    </message>
    <message>
        <source>Import finished</source>
        <translation>导入完成</translation>
    </message>
</context>
<context>
    <name>ItemTypeBox</name>
    <message>
        <source>Type a name or alias to search</source>
        <translation>输入名称或别名搜索</translation>
    </message>
</context>
<context>
    <name>JointPlanDialog</name>
    <message>
        <source>Joint visit in %1</source>
        <translation>%1联合走访</translation>
    </message>
    <message>
        <source>e.g. 民警+网格员+志愿者，重点走访独居老人</source>
        <translation>例如：民警+网格员+志愿者，重点走访独居老人</translation>
    </message>
    <message>
        <source>Planned for</source>
        <translation>计划日期</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>%1d %2h</source>
        <translation>%1天%2小时</translation>
    </message>
    <message>
        <source>%1h %2m</source>
        <translation>%1小时%2分</translation>
    </message>
    <message>
        <source>%1m %2s</source>
        <translation>%1分%2秒</translation>
    </message>
    <message>
        <source>%1m</source>
        <translation>%1分钟</translation>
    </message>
    <message>
        <source>overdue %1</source>
        <translation>超时 %1</translation>
    </message>
</context>
<context>
    <name>Labels.action</name>
    <message>
        <source>Register</source>
        <translation>登记</translation>
    </message>
    <message>
        <source>Dispatch</source>
        <translation>分流</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>受理</translation>
    </message>
    <message>
        <source>Feedback</source>
        <translation>反馈</translation>
    </message>
    <message>
        <source>Return for rework</source>
        <translation>退回重办</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>办结</translation>
    </message>
    <message>
        <source>Evaluate</source>
        <translation>评价</translation>
    </message>
    <message>
        <source>On site</source>
        <translation>到场</translation>
    </message>
</context>
<context>
    <name>Labels.action_state</name>
    <message>
        <source>Open</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
</context>
<context>
    <name>Labels.call</name>
    <message>
        <source>Not called yet</source>
        <translation>尚未联系</translation>
    </message>
    <message>
        <source>Reached</source>
        <translation>已接通</translation>
    </message>
    <message>
        <source>No answer</source>
        <translation>未接通</translation>
    </message>
</context>
<context>
    <name>Labels.card</name>
    <message>
        <source>No card</source>
        <translation>无牌</translation>
    </message>
    <message>
        <source>Yellow card</source>
        <translation>黄牌</translation>
    </message>
    <message>
        <source>Red card</source>
        <translation>红牌</translation>
    </message>
</context>
<context>
    <name>Labels.class</name>
    <message>
        <source>Disputes</source>
        <translation>矛盾纠纷</translation>
    </message>
    <message>
        <source>Public-security and safety hazards</source>
        <translation>治安与安全隐患</translation>
    </message>
    <message>
        <source>Public services</source>
        <translation>民生服务</translation>
    </message>
</context>
<context>
    <name>Labels.department</name>
    <message>
        <source>Police station</source>
        <translation>派出所</translation>
    </message>
    <message>
        <source>Justice office</source>
        <translation>司法所</translation>
    </message>
    <message>
        <source>Comprehensive-governance office</source>
        <translation>综治办</translation>
    </message>
    <message>
        <source>Emergency management office</source>
        <translation>应急管理办</translation>
    </message>
    <message>
        <source>Civil affairs office</source>
        <translation>民政办</translation>
    </message>
    <message>
        <source>Natural resources office</source>
        <translation>自然资源所</translation>
    </message>
    <message>
        <source>Health centre</source>
        <translation>卫生院</translation>
    </message>
    <message>
        <source>Fire rescue</source>
        <translation>消防救援</translation>
    </message>
    <message>
        <source>Village committee</source>
        <translation>村（居）委</translation>
    </message>
</context>
<context>
    <name>Labels.due_state</name>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>Due today</source>
        <translation>今日到期</translation>
    </message>
    <message>
        <source>Due this week</source>
        <translation>本周到期</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>未到期</translation>
    </message>
</context>
<context>
    <name>Labels.duty</name>
    <message>
        <source>Intelligence officer</source>
        <translation>情报信息员</translation>
    </message>
    <message>
        <source>Hazard inspector</source>
        <translation>隐患排查员</translation>
    </message>
    <message>
        <source>Dispute mediator</source>
        <translation>纠纷调解员</translation>
    </message>
    <message>
        <source>Safety guard</source>
        <translation>平安守护员</translation>
    </message>
    <message>
        <source>Emergency responder</source>
        <translation>应急处突员</translation>
    </message>
    <message>
        <source>Resident service officer</source>
        <translation>群众服务员</translation>
    </message>
    <message>
        <source>Social governance officer</source>
        <translation>社会治理员</translation>
    </message>
    <message>
        <source>Policy outreach officer</source>
        <translation>政策宣传员</translation>
    </message>
</context>
<context>
    <name>Labels.evacuee</name>
    <message>
        <source>Unaccounted</source>
        <translation>未核实</translation>
    </message>
    <message>
        <source>Moved</source>
        <translation>已转移</translation>
    </message>
    <message>
        <source>At the shelter</source>
        <translation>已到安置点</translation>
    </message>
    <message>
        <source>Away from home</source>
        <translation>不在家</translation>
    </message>
</context>
<context>
    <name>Labels.fusion</name>
    <message>
        <source>One officer per grid</source>
        <translation>一格一警</translation>
    </message>
    <message>
        <source>Several officers per grid</source>
        <translation>一格多警</translation>
    </message>
    <message>
        <source>One officer for several grids</source>
        <translation>一警多格</translation>
    </message>
</context>
<context>
    <name>Labels.gauge_state</name>
    <message>
        <source>Normal</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Above warning</source>
        <translation>超警戒</translation>
    </message>
    <message>
        <source>Above danger</source>
        <translation>超危险</translation>
    </message>
</context>
<context>
    <name>Labels.hazard</name>
    <message>
        <source>Rainstorm</source>
        <translation>暴雨</translation>
    </message>
    <message>
        <source>Flood</source>
        <translation>洪水</translation>
    </message>
    <message>
        <source>Landslide</source>
        <translation>滑坡</translation>
    </message>
    <message>
        <source>Collapse</source>
        <translation>崩塌</translation>
    </message>
</context>
<context>
    <name>Labels.joint_state</name>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>已计划</translation>
    </message>
    <message>
        <source>Planned date passed</source>
        <translation>已过计划日期</translation>
    </message>
    <message>
        <source>Not planned</source>
        <translation>未计划</translation>
    </message>
</context>
<context>
    <name>Labels.level</name>
    <message>
        <source>No warning</source>
        <translation>无预警</translation>
    </message>
    <message>
        <source>Blue (IV)</source>
        <translation>蓝色（IV级）</translation>
    </message>
    <message>
        <source>Yellow (III)</source>
        <translation>黄色（III级）</translation>
    </message>
    <message>
        <source>Orange (II)</source>
        <translation>橙色（II级）</translation>
    </message>
    <message>
        <source>Red (I)</source>
        <translation>红色（I级）</translation>
    </message>
</context>
<context>
    <name>Labels.matter</name>
    <message>
        <source>Police matter</source>
        <translation>警务事项</translation>
    </message>
    <message>
        <source>Grid matter</source>
        <translation>网格事项</translation>
    </message>
</context>
<context>
    <name>Labels.meeting</name>
    <message>
        <source>Monthly joint meeting</source>
        <translation>月度联席会议</translation>
    </message>
    <message>
        <source>Weekly dispatch meeting</source>
        <translation>每周调度会</translation>
    </message>
    <message>
        <source>Daily village briefing</source>
        <translation>每日碰头会</translation>
    </message>
    <message>
        <source>Quarterly leading-group meeting</source>
        <translation>季度领导小组会议</translation>
    </message>
</context>
<context>
    <name>Labels.milestone</name>
    <message>
        <source>Classified and routed</source>
        <translation>分类转办</translation>
    </message>
    <message>
        <source>Department responds</source>
        <translation>部门响应</translation>
    </message>
    <message>
        <source>Answered and handled (police matter)</source>
        <translation>警务事项答复处置</translation>
    </message>
    <message>
        <source>Closed (yellow card when missed)</source>
        <translation>办结（超时黄牌）</translation>
    </message>
    <message>
        <source>Closed (red card when missed)</source>
        <translation>办结（超时红牌）</translation>
    </message>
    <message>
        <source>Help request answered</source>
        <translation>求助响应</translation>
    </message>
    <message>
        <source>Help request handled</source>
        <translation>求助处置</translation>
    </message>
    <message>
        <source>Someone on site</source>
        <translation>到达现场</translation>
    </message>
    <message>
        <source>Professionals on site</source>
        <translation>专业力量介入</translation>
    </message>
</context>
<context>
    <name>Labels.notice</name>
    <message>
        <source>Duty leader&apos;s review</source>
        <translation>带班领导审核</translation>
    </message>
    <message>
        <source>Special report to the county</source>
        <translation>特事专报</translation>
    </message>
</context>
<context>
    <name>Labels.patrol_area</name>
    <message>
        <source>Main street</source>
        <translation>集镇主街</translation>
    </message>
    <message>
        <source>Scenic area</source>
        <translation>景区</translation>
    </message>
    <message>
        <source>School perimeter</source>
        <translation>校园周边</translation>
    </message>
    <message>
        <source>Trunk road</source>
        <translation>交通干道</translation>
    </message>
    <message>
        <source>Market</source>
        <translation>集贸市场</translation>
    </message>
</context>
<context>
    <name>Labels.position</name>
    <message>
        <source>Captain</source>
        <translation>队长</translation>
    </message>
    <message>
        <source>Vice-captain</source>
        <translation>副队长</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>队员</translation>
    </message>
</context>
<context>
    <name>Labels.post</name>
    <message>
        <source>Hazard monitor</source>
        <translation>群测群防员</translation>
    </message>
    <message>
        <source>Party branch secretary</source>
        <translation>党支部书记</translation>
    </message>
    <message>
        <source>Village committee director</source>
        <translation>村委会主任</translation>
    </message>
    <message>
        <source>Security director</source>
        <translation>治保主任</translation>
    </message>
    <message>
        <source>Women&apos;s director</source>
        <translation>妇女主任</translation>
    </message>
    <message>
        <source>Emergency officer</source>
        <translation>应急专干</translation>
    </message>
</context>
<context>
    <name>Labels.relation</name>
    <message>
        <source>Head of household</source>
        <translation>户主</translation>
    </message>
    <message>
        <source>Spouse</source>
        <translation>配偶</translation>
    </message>
    <message>
        <source>Child</source>
        <translation>子女</translation>
    </message>
    <message>
        <source>Parent</source>
        <translation>父母</translation>
    </message>
    <message>
        <source>Grandchild</source>
        <translation>孙辈</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
</context>
<context>
    <name>Labels.risk</name>
    <message>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>中</translation>
    </message>
    <message>
        <source>High</source>
        <translation>高</translation>
    </message>
</context>
<context>
    <name>Labels.role</name>
    <message>
        <source>Community police officer</source>
        <translation>社区民警</translation>
    </message>
    <message>
        <source>Auxiliary police</source>
        <translation>辅警</translation>
    </message>
    <message>
        <source>Police assistant</source>
        <translation>警务助理</translation>
    </message>
    <message>
        <source>Anti-drug worker</source>
        <translation>禁毒专干</translation>
    </message>
    <message>
        <source>Trainee assistant</source>
        <translation>见习助理</translation>
    </message>
    <message>
        <source>Grid worker</source>
        <translation>网格员</translation>
    </message>
    <message>
        <source>Volunteer police</source>
        <translation>义警</translation>
    </message>
    <message>
        <source>Hazard monitor</source>
        <translation>群测群防员</translation>
    </message>
    <message>
        <source>Department staff</source>
        <translation>部门人员</translation>
    </message>
</context>
<context>
    <name>Labels.section</name>
    <message>
        <source>1. Statistics review</source>
        <translation>一、统计回顾</translation>
    </message>
    <message>
        <source>2. Red-card items</source>
        <translation>二、红牌事项</translation>
    </message>
    <message>
        <source>3. Yellow-card items</source>
        <translation>三、黄牌事项</translation>
    </message>
    <message>
        <source>4. Cross-department items</source>
        <translation>四、跨部门事项</translation>
    </message>
    <message>
        <source>5. Risk assessment</source>
        <translation>五、风险研判</translation>
    </message>
    <message>
        <source>6. Earlier action items</source>
        <translation>六、前期议定事项</translation>
    </message>
</context>
<context>
    <name>Labels.source</name>
    <message>
        <source>Grid worker report</source>
        <translation>网格员上报</translation>
    </message>
    <message>
        <source>110 call</source>
        <translation>110报警</translation>
    </message>
    <message>
        <source>12345 hotline</source>
        <translation>12345热线</translation>
    </message>
    <message>
        <source>Walk-in</source>
        <translation>群众来访</translation>
    </message>
    <message>
        <source>Patrol finding</source>
        <translation>巡逻发现</translation>
    </message>
    <message>
        <source>Volunteer report</source>
        <translation>义警上报</translation>
    </message>
    <message>
        <source>Sensor alert</source>
        <translation>监测告警</translation>
    </message>
    <message>
        <source>Home visit</source>
        <translation>入户走访发现</translation>
    </message>
</context>
<context>
    <name>Labels.status</name>
    <message>
        <source>Registered</source>
        <translation>已登记</translation>
    </message>
    <message>
        <source>Dispatched</source>
        <translation>已分流</translation>
    </message>
    <message>
        <source>Handling</source>
        <translation>处理中</translation>
    </message>
    <message>
        <source>Feedback given</source>
        <translation>已反馈</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已办结</translation>
    </message>
    <message>
        <source>Evaluated</source>
        <translation>已评价</translation>
    </message>
</context>
<context>
    <name>Labels.theme</name>
    <message>
        <source>Supporting the economy</source>
        <translation>护航经济发展</translation>
    </message>
    <message>
        <source>Women and children</source>
        <translation>妇女儿童保护</translation>
    </message>
    <message>
        <source>Mediation</source>
        <translation>人民调解纾困</translation>
    </message>
    <message>
        <source>Services and education</source>
        <translation>便民育教服务</translation>
    </message>
    <message>
        <source>Scenic-area safety</source>
        <translation>景区平安护航</translation>
    </message>
</context>
<context>
    <name>Labels.tier</name>
    <message>
        <source>Second level (minor)</source>
        <translation>二级办理（小事）</translation>
    </message>
    <message>
        <source>First level (major)</source>
        <translation>一级处理（大事）</translation>
    </message>
    <message>
        <source>Special report</source>
        <translation>特事专报</translation>
    </message>
</context>
<context>
    <name>Labels.unit</name>
    <message>
        <source>min</source>
        <translation>分钟</translation>
    </message>
    <message>
        <source>h</source>
        <translation>小时</translation>
    </message>
    <message>
        <source>days</source>
        <translation>天</translation>
    </message>
</context>
<context>
    <name>Labels.visit_mode</name>
    <message>
        <source>In person</source>
        <translation>上门</translation>
    </message>
    <message>
        <source>By phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>By video</source>
        <translation>视频</translation>
    </message>
</context>
<context>
    <name>Labels.visit_risk</name>
    <message>
        <source>Red</source>
        <translation>红色</translation>
    </message>
    <message>
        <source>Yellow</source>
        <translation>黄色</translation>
    </message>
    <message>
        <source>Blue</source>
        <translation>蓝色</translation>
    </message>
</context>
<context>
    <name>LevelBanner</name>
    <message>
        <source>Warning level: %1</source>
        <translation>预警等级：%1</translation>
    </message>
</context>
<context>
    <name>LogDialog</name>
    <message>
        <source>Log an event</source>
        <translation>记录重要事件</translation>
    </message>
    <message>
        <source>What happened, where, who reported it</source>
        <translation>发生了什么、在哪里、谁报告的</translation>
    </message>
    <message>
        <source>Who was told, e.g. 县防指、自然资源所</source>
        <translation>已报告/通知谁，如 县防指、自然资源所</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Who was told</source>
        <translation>已通知</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Township command desk</source>
        <translation>综治中心指挥台</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Incident</source>
        <translation>事件(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Export the map into a folder</source>
        <translation>将地图导出到文件夹</translation>
    </message>
    <message>
        <source>Export the map as a picture</source>
        <translation>将地图导出为图片</translation>
    </message>
    <message>
        <source>PNG pictures (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>Import incidents</source>
        <translation>导入事件</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>The map could not be written there.</source>
        <translation>无法在该位置写入地图。</translation>
    </message>
    <message>
        <source>Map exported to %1</source>
        <translation>地图已导出到 %1</translation>
    </message>
    <message>
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <source>Township command desk: grid map, incident queue, staff boards, joint meetings and emergency linkage over one database.
Database: %1</source>
        <translation>综治中心指挥台：网格地图、事件队列、站点人员、联席会议与应急联动，共用一个数据库。
数据库：%1</translation>
    </message>
</context>
<context>
    <name>MapCard</name>
    <message>
        <source>Close the card</source>
        <translation>关闭卡片</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Village/community</source>
        <translation>所属村社</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>户数</translation>
    </message>
    <message>
        <source>Population</source>
        <translation>人口</translation>
    </message>
    <message>
        <source>Grid workers</source>
        <translation>网格员</translation>
    </message>
    <message>
        <source>Police officers</source>
        <translation>社区民警</translation>
    </message>
    <message>
        <source>Workstation</source>
        <translation>工作站</translation>
    </message>
    <message>
        <source>Fusion</source>
        <translation>融合方式</translation>
    </message>
    <message>
        <source>Grids</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Police cells</source>
        <translation>警格</translation>
    </message>
    <message>
        <source>Open items: %1</source>
        <translation>未办结事项：%1</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>处置部门</translation>
    </message>
    <message>
        <source>Handler</source>
        <translation>承办人</translation>
    </message>
</context>
<context>
    <name>MapPage</name>
    <message>
        <source>Grids</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Police cells</source>
        <translation>警格</translation>
    </message>
    <message>
        <source>Villages/communities</source>
        <translation>村/社区</translation>
    </message>
    <message>
        <source>Key areas</source>
        <translation>重点区域</translation>
    </message>
    <message>
        <source>Workstations</source>
        <translation>工作站</translation>
    </message>
    <message>
        <source>Hazard points</source>
        <translation>隐患点</translation>
    </message>
    <message>
        <source>Shelters</source>
        <translation>安置点</translation>
    </message>
    <message>
        <source>Evacuation routes</source>
        <translation>撤离路线</translation>
    </message>
    <message>
        <source>Incidents</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>No card</source>
        <translation>无牌</translation>
    </message>
    <message>
        <source>Yellow card</source>
        <translation>黄牌</translation>
    </message>
    <message>
        <source>Red card</source>
        <translation>红牌</translation>
    </message>
    <message>
        <source>Legend</source>
        <translation>图例</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Village/community</source>
        <translation>所属村社</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Officers</source>
        <translation>民警</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Risk</source>
        <translation>风险</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>户数</translation>
    </message>
    <message>
        <source>Persons</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>容量</translation>
    </message>
    <message>
        <source>Sheltered</source>
        <translation>已安置</translation>
    </message>
    <message>
        <source>Basic grid</source>
        <translation>基础网格</translation>
    </message>
    <message>
        <source>Special grid</source>
        <translation>专属网格</translation>
    </message>
    <message>
        <source>Y</source>
        <translation>黄</translation>
    </message>
    <message>
        <source>R</source>
        <translation>红</translation>
    </message>
    <message>
        <source>Group of incidents (red / yellow count)</source>
        <translation>事件聚合（红牌/黄牌数）</translation>
    </message>
    <message>
        <source>Not yet dispatched</source>
        <translation>尚未分流</translation>
    </message>
    <message>
        <source>Incidents, last 30 days (density)</source>
        <translation>近30天事件（密度）</translation>
    </message>
    <message>
        <source>Population</source>
        <translation>人口</translation>
    </message>
    <message>
        <source>Number of officers</source>
        <translation>民警人数</translation>
    </message>
    <message>
        <source>Grid–cell pattern</source>
        <translation>网格警格关系</translation>
    </message>
    <message>
        <source>One grid, one cell</source>
        <translation>一格一警</translation>
    </message>
    <message>
        <source>One grid, several cells</source>
        <translation>一格多警</translation>
    </message>
    <message>
        <source>One cell, several grids</source>
        <translation>一警多格</translation>
    </message>
    <message>
        <source>Open incidents</source>
        <translation>未办结事项</translation>
    </message>
    <message>
        <source>Worst card</source>
        <translation>最高亮牌</translation>
    </message>
    <message>
        <source>Home visits overdue</source>
        <translation>逾期未走访</translation>
    </message>
    <message>
        <source>No data</source>
        <translation>无数据</translation>
    </message>
    <message>
        <source>Staff on duty</source>
        <translation>在岗人员</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>岗位</translation>
    </message>
    <message>
        <source>Last known at</source>
        <translation>最后定位时间</translation>
    </message>
    <message>
        <source>Gauges</source>
        <translation>监测站</translation>
    </message>
    <message>
        <source>Rain gauge</source>
        <translation>雨量站</translation>
    </message>
    <message>
        <source>River gauge</source>
        <translation>水位站</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>读数</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>超警戒</translation>
    </message>
    <message>
        <source>Danger</source>
        <translation>超保证</translation>
    </message>
    <message>
        <source>Patrol coverage today</source>
        <translation>今日巡逻覆盖</translation>
    </message>
    <message>
        <source>Patrols done</source>
        <translation>已完成巡逻</translation>
    </message>
    <message>
        <source>All planned patrols done</source>
        <translation>计划巡逻全部完成</translation>
    </message>
    <message>
        <source>Some done</source>
        <translation>部分完成</translation>
    </message>
    <message>
        <source>None done</source>
        <translation>尚未巡逻</translation>
    </message>
    <message>
        <source>Search result</source>
        <translation>查找结果</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>图层</translation>
    </message>
</context>
<context>
    <name>MapSearch</name>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Police cell</source>
        <translation>警格</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村社</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>村民小组</translation>
    </message>
    <message>
        <source>Incident</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Search: grid, village, group, incident no., address</source>
        <translation>查找：网格、村社、小组、事件编号、地址</translation>
    </message>
    <message>
        <source>Search the map</source>
        <translation>在地图上查找</translation>
    </message>
    <message>
        <source>Nothing found</source>
        <translation>未找到</translation>
    </message>
</context>
<context>
    <name>MapView</name>
    <message>
        <source>Clustered incidents</source>
        <translation>事件聚合显示</translation>
    </message>
    <message>
        <source>Every incident</source>
        <translation>逐个显示事件</translation>
    </message>
    <message>
        <source>Heat map, last 30 days</source>
        <translation>近30天热力图</translation>
    </message>
    <message>
        <source>Grids: no fill</source>
        <translation>网格：不填色</translation>
    </message>
    <message>
        <source>Grids by open items</source>
        <translation>网格按未办结事项</translation>
    </message>
    <message>
        <source>Grids by worst card</source>
        <translation>网格按最高亮牌</translation>
    </message>
    <message>
        <source>Grids by households</source>
        <translation>网格按户数</translation>
    </message>
    <message>
        <source>Grids by population</source>
        <translation>网格按人口</translation>
    </message>
    <message>
        <source>Grids by home visits overdue</source>
        <translation>网格：逾期未走访数</translation>
    </message>
    <message>
        <source>How incidents are drawn</source>
        <translation>事件显示方式</translation>
    </message>
    <message>
        <source>What the grid fill shows</source>
        <translation>网格填色依据</translation>
    </message>
    <message>
        <source>The chosen base map cannot be used; the township&apos;s own map is drawn instead.</source>
        <translation>所选底图无法使用，已改用本乡镇自有底图。</translation>
    </message>
    <message>
        <source>Click on the map where the incident happened</source>
        <translation>请在地图上点击事发位置</translation>
    </message>
</context>
<context>
    <name>MovedDialog</name>
    <message>
        <source>Households moved from %1</source>
        <translation>%1 转移人数</translation>
    </message>
    <message>
        <source>Households moved (of %1)</source>
        <translation>已转移户数（共 %1 户）</translation>
    </message>
    <message>
        <source>Persons moved (of %1)</source>
        <translation>已转移人数（共 %1 人）</translation>
    </message>
</context>
<context>
    <name>PaperworkDialog</name>
    <message>
        <source>Weekly list (周清单, PDF)</source>
        <translation>周清单（PDF）</translation>
    </message>
    <message>
        <source>Reminder slips for yellow cards (提示单, PDF)</source>
        <translation>黄牌事项提示单（PDF）</translation>
    </message>
    <message>
        <source>Supervision sheets for red cards (盯办单, PDF)</source>
        <translation>红牌事项盯办单（PDF）</translation>
    </message>
    <message>
        <source>Ledger of overdue items (台账, XLSX)</source>
        <translation>逾期事项台账（XLSX）</translation>
    </message>
    <message>
        <source>Paperwork for overdue items</source>
        <translation>逾期事项清单单据</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>单据</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>%1 items (%2)</source>
        <translation>%1 件（%2）</translation>
    </message>
    <message>
        <source>%1: %2 items written.</source>
        <translation>%1：已写入 %2 件。</translation>
    </message>
    <message>
        <source>%1: %2 items, %3 pages written.</source>
        <translation>%1：%2 件，共 %3 页。</translation>
    </message>
</context>
<context>
    <name>PlanDialog</name>
    <message>
        <source>As the group&apos;s rule says</source>
        <translation>按所属类别要求</translation>
    </message>
    <message>
        <source>times a month</source>
        <translation>次/月</translation>
    </message>
    <message>
        <source>times a quarter</source>
        <translation>次/季度</translation>
    </message>
    <message>
        <source>times a year</source>
        <translation>次/年</translation>
    </message>
    <message>
        <source>Plan for %1 (一人一策)</source>
        <translation>%1的一人一策</translation>
    </message>
    <message>
        <source>— none —</source>
        <translation>—（无）—</translation>
    </message>
    <message>
        <source>Measures, what to watch for, whom to call</source>
        <translation>管控帮扶措施、关注要点、联系人</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>责任民警</translation>
    </message>
    <message>
        <source>Grid worker</source>
        <translation>网格员</translation>
    </message>
    <message>
        <source>Volunteer</source>
        <translation>志愿者</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>走访次数</translation>
    </message>
    <message>
        <source>Per</source>
        <translation>周期</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>QueueFilters</name>
    <message>
        <source>Open</source>
        <translation>未办结</translation>
    </message>
    <message>
        <source>Closed, awaiting evaluation</source>
        <translation>已办结待评价</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已办结</translation>
    </message>
    <message>
        <source>All incidents</source>
        <translation>全部事件</translation>
    </message>
    <message>
        <source>Which part of the history the queue lists</source>
        <translation>队列列出哪一部分事件</translation>
    </message>
    <message>
        <source>Item type</source>
        <translation>事项类型</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>登记日期</translation>
    </message>
    <message>
        <source>Only items registered between these days</source>
        <translation>只显示在这两天之间登记的事件</translation>
    </message>
    <message>
        <source>As of</source>
        <translation>截至</translation>
    </message>
    <message>
        <source>See the queue as it stood, or will stand if nobody acts, at this time</source>
        <translation>查看此时刻的队列（将来时刻按无人处置推算）</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>不限</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <source>Card</source>
        <translation>牌</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>剩余时间</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>事项标题</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>事项类别</translation>
    </message>
    <message>
        <source>Matter</source>
        <translation>事项性质</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Grid / cell</source>
        <translation>网格 / 警格</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>登记时间</translation>
    </message>
</context>
<context>
    <name>QueueView</name>
    <message>
        <source>Closed on time</source>
        <translation>按期办结</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>超期</translation>
    </message>
    <message>
        <source>Satisfied</source>
        <translation>满意率</translation>
    </message>
    <message>
        <source>Filter: code, title, grid, department…</source>
        <translation>筛选：编号、标题、网格、部门…</translation>
    </message>
    <message>
        <source>Last 30 days: closed on time, and satisfied answers among the evaluations; overdue: open items past their deadline now</source>
        <translation>近30天：按期办结率、评价中的满意率；超期：当前已过期限的未办结事项占比</translation>
    </message>
    <message>
        <source>Sound for new red cards</source>
        <translation>红牌提示音</translation>
    </message>
    <message>
        <source>Beep when an incident turns red; the row blinks either way</source>
        <translation>事项转为红牌时发出提示音；无论是否开启，该行都会闪烁</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>环节</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Show reporter in full</source>
        <translation>显示反映人完整信息</translation>
    </message>
    <message>
        <source>Show the reporter&apos;s name and phone in the clear; the audit log records who looked</source>
        <translation>显示反映人姓名和电话原文；审计日志会记录查看人</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>流转记录</translation>
    </message>
    <message>
        <source>%1 %2 (target %3)</source>
        <translation>%1 %2（目标%3）</translation>
    </message>
    <message>
        <source>%1 open · %2 red cards · %3 yellow cards</source>
        <translation>%1 项未办结 · 红牌 %2 · 黄牌 %3</translation>
    </message>
    <message>
        <source>%1 listed · %2 red cards · %3 yellow cards</source>
        <translation>共 %1 项 · 红牌 %2 · 黄牌 %3</translation>
    </message>
    <message>
        <source>%1 shown · </source>
        <translation>显示 %1 条 · </translation>
    </message>
    <message>
        <source>As of %1: </source>
        <translation>截至 %1：</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>剩余时间</translation>
    </message>
    <message>
        <source>Item type</source>
        <translation>事项类型</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>事项类别</translation>
    </message>
    <message>
        <source>Matter</source>
        <translation>事项性质</translation>
    </message>
    <message>
        <source>Handling level</source>
        <translation>办理层级</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Coordinates</source>
        <translation>坐标</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>登记时间</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Handler</source>
        <translation>承办人</translation>
    </message>
    <message>
        <source>Reporter</source>
        <translation>反映人</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>情况描述</translation>
    </message>
    <message>
        <source>Feedback</source>
        <translation>反馈情况</translation>
    </message>
    <message>
        <source>Reworks</source>
        <translation>退回次数</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>First receiver</source>
        <translation>首接负责人</translation>
    </message>
    <message>
        <source>County platform number</source>
        <translation>县平台编号</translation>
    </message>
    <message>
        <source>Found on the home visit</source>
        <translation>来源走访</translation>
    </message>
    <message>
        <source> (working days)</source>
        <translation>（工作日）</translation>
    </message>
    <message>
        <source>met %1</source>
        <translation>%1 按时完成</translation>
    </message>
    <message>
        <source>late, met %1</source>
        <translation>%1 超时完成</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>已超时</translation>
    </message>
    <message>
        <source>running</source>
        <translation>计时中</translation>
    </message>
    <message>
        <source>Time limits</source>
        <translation>办理时限</translation>
    </message>
    <message>
        <source>done %1</source>
        <translation>%1 已完成</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>待处理</translation>
    </message>
</context>
<context>
    <name>RegisterDialog</name>
    <message>
        <source>Register incident</source>
        <translation>登记事件</translation>
    </message>
    <message>
        <source>An address from the gazetteer moves the point there (at most %1 characters)</source>
        <translation>输入标准地址库中的地址可自动定位（最多 %1 字）</translation>
    </message>
    <message>
        <source>Mobile, or landline with area code (0571-88886666)</source>
        <translation>手机号，或带区号的固定电话（0571-88886666）</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Matter</source>
        <translation>事项性质</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Longitude</source>
        <translation>经度</translation>
    </message>
    <message>
        <source>Latitude</source>
        <translation>纬度</translation>
    </message>
    <message>
        <source>Grid / police cell</source>
        <translation>网格 / 警格</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Item type</source>
        <translation>事项类型</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>事项类别</translation>
    </message>
    <message>
        <source>Handling level</source>
        <translation>办理层级</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>处置部门</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>情况描述</translation>
    </message>
    <message>
        <source>Reporter</source>
        <translation>反映人</translation>
    </message>
    <message>
        <source>Reporter phone</source>
        <translation>反映人电话</translation>
    </message>
    <message>
        <source>Not in the address gazetteer: the point stays where it was picked</source>
        <translation>地址库中未找到该地址：位置保持为点选处</translation>
    </message>
    <message>
        <source>Found in the gazetteer: %1</source>
        <translation>已在地址库中找到：%1</translation>
    </message>
    <message>
        <source>%1 / %2 characters</source>
        <translation>%1 / %2 字</translation>
    </message>
    <message>
        <source>At most %1 characters</source>
        <translation>最多 %1 字</translation>
    </message>
    <message>
        <source>Outside every grid: pick a point inside the township</source>
        <translation>不在任何网格内：请在本乡镇范围内选点</translation>
    </message>
</context>
<context>
    <name>ResponsePanel</name>
    <message>
        <source>Pending</source>
        <translation>待办</translation>
    </message>
    <message>
        <source>Notified</source>
        <translation>已通知</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>值班员</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>预警</translation>
    </message>
    <message>
        <source>Gauge threshold</source>
        <translation>雨量阈值</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>行动</translation>
    </message>
    <message>
        <source>Evacuation</source>
        <translation>转移安置</translation>
    </message>
    <message>
        <source>Drill</source>
        <translation>演练</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>责任部门</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>剩余时间</translation>
    </message>
    <message>
        <source>Linkage actions</source>
        <translation>联动行动</translation>
    </message>
    <message>
        <source>Hazard point</source>
        <translation>隐患点</translation>
    </message>
    <message>
        <source>Households moved</source>
        <translation>已转移户数</translation>
    </message>
    <message>
        <source>Persons moved</source>
        <translation>已转移人数</translation>
    </message>
    <message>
        <source>Checked in at a shelter</source>
        <translation>已在安置点登记</translation>
    </message>
    <message>
        <source>Unaccounted</source>
        <translation>未核实人数</translation>
    </message>
    <message>
        <source>Moved as the village reports…</source>
        <translation>按村报数登记转移…</translation>
    </message>
    <message>
        <source>Check-in of a household not on file…</source>
        <translation>未建档户登记入住…</translation>
    </message>
    <message>
        <source>Shelter</source>
        <translation>安置点</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>From</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Told</source>
        <translation>通报对象</translation>
    </message>
    <message>
        <source>By</source>
        <translation>记录人</translation>
    </message>
    <message>
        <source>Significant events</source>
        <translation>重要事件记录</translation>
    </message>
    <message>
        <source>late</source>
        <translation>超时完成</translation>
    </message>
    <message>
        <source>on time</source>
        <translation>按时完成</translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <source>Quality review (random 10%)</source>
        <translation>质量评估（随机抽取10%）</translation>
    </message>
    <message>
        <source>Follow-up visit (回头看)</source>
        <translation>回头看</translation>
    </message>
    <message>
        <source>Good</source>
        <translation>优良</translation>
    </message>
    <message>
        <source>Acceptable</source>
        <translation>合格</translation>
    </message>
    <message>
        <source>Poor</source>
        <translation>不合格</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <source>Problem came back</source>
        <translation>问题复发</translation>
    </message>
    <message>
        <source>Could not be reached</source>
        <translation>未联系上</translation>
    </message>
    <message>
        <source>Checks after closing</source>
        <translation>办结后抽查</translation>
    </message>
    <message>
        <source>Draw</source>
        <translation>抽取</translation>
    </message>
    <message>
        <source>Draw this month&apos;s sample from the incidents closed in it; a month is drawn once, and the draw is on record</source>
        <translation>从该月办结的事件中抽取；每月只抽一次，抽取记入审计</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>事件编号</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>事项标题</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>责任部门</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>结论</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Record verdict</source>
        <translation>记录结论</translation>
    </message>
    <message>
        <source>%1 drawn, %2 reviewed</source>
        <translation>已抽取 %1 件，已评 %2 件</translation>
    </message>
    <message>
        <source>good %1</source>
        <translation>优良率 %1</translation>
    </message>
    <message>
        <source>Not drawn yet for this month</source>
        <translation>本月尚未抽取</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Township command desk</source>
        <translation>乡镇指挥台</translation>
    </message>
    <message>
        <source>Only when the second factor is on</source>
        <translation>仅在开启二次验证时填写</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>动态码</translation>
    </message>
</context>
<context>
    <name>StandDownDialog</name>
    <message>
        <source>Stand down</source>
        <translation>结束应急响应</translation>
    </message>
    <message>
        <source>What happened, what was done, who returned home</source>
        <translation>过程、处置情况、群众返回情况</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>总结</translation>
    </message>
</context>
<context>
    <name>StationPanel</name>
    <message>
        <source>On duty now: %1</source>
        <translation>当前值班：%1</translation>
    </message>
    <message>
        <source>Short of the standard formula: %1</source>
        <translation>对照标准配置缺员：%1</translation>
    </message>
</context>
<context>
    <name>VisitDialog</name>
    <message>
        <source>Record a visit to %1</source>
        <translation>登记走访：%1</translation>
    </message>
    <message>
        <source>The whole household</source>
        <translation>全户</translation>
    </message>
    <message>
        <source>— no officer —</source>
        <translation>—（无民警）—</translation>
    </message>
    <message>
        <source>— no grid worker —</source>
        <translation>—（无网格员）—</translation>
    </message>
    <message>
        <source>— no volunteer —</source>
        <translation>—（无志愿者）—</translation>
    </message>
    <message>
        <source>What was found: circumstances, requests, hazards, moods</source>
        <translation>走访情况：家庭状况、诉求、隐患、情绪</translation>
    </message>
    <message>
        <source>No dispute</source>
        <translation>无纠纷</translation>
    </message>
    <message>
        <source>What happens next, e.g. 下周回访</source>
        <translation>后续措施，例如：下周回访</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>走访情况</translation>
    </message>
    <message>
        <source>Dispute risk</source>
        <translation>纠纷风险等级</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>后续措施</translation>
    </message>
    <message>
        <source>When</source>
        <translation>走访时间</translation>
    </message>
    <message>
        <source>About</source>
        <translation>走访对象</translation>
    </message>
    <message>
        <source>How</source>
        <translation>走访方式</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>民警</translation>
    </message>
    <message>
        <source>Grid worker</source>
        <translation>网格员</translation>
    </message>
    <message>
        <source>Volunteer</source>
        <translation>志愿者</translation>
    </message>
</context>
<context>
    <name>VisitsView</name>
    <message>
        <source>Overdue and due this week</source>
        <translation>逾期及本周到期</translation>
    </message>
    <message>
        <source>Overdue and due today</source>
        <translation>逾期及今日到期</translation>
    </message>
    <message>
        <source>Overdue only</source>
        <translation>仅逾期</translation>
    </message>
    <message>
        <source>All officers</source>
        <translation>全部民警</translation>
    </message>
    <message>
        <source>All grids</source>
        <translation>全部网格</translation>
    </message>
    <message>
        <source>All groups</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>应访日期</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>户号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>走访要求</translation>
    </message>
    <message>
        <source>Last visit</source>
        <translation>上次走访</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>责任民警</translation>
    </message>
    <message>
        <source>Relation</source>
        <translation>与户主关系</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>所属类别</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>一人一策</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>核实日期</translation>
    </message>
    <message>
        <source>When</source>
        <translation>走访时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>走访人员</translation>
    </message>
    <message>
        <source>About</source>
        <translation>走访对象</translation>
    </message>
    <message>
        <source>How</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>走访情况</translation>
    </message>
    <message>
        <source>Risk</source>
        <translation>风险等级</translation>
    </message>
    <message>
        <source>Incident</source>
        <translation>转办事件</translation>
    </message>
    <message>
        <source>Repeats an earlier note</source>
        <translation>内容雷同</translation>
    </message>
    <message>
        <source>Record a visit… (Enter)</source>
        <translation>登记走访…（回车）</translation>
    </message>
    <message>
        <source>Finding to incident…</source>
        <translation>发现问题转事件…</translation>
    </message>
    <message>
        <source>File confirmed with the household</source>
        <translation>已与住户核实档案</translation>
    </message>
    <message>
        <source>Groups…</source>
        <translation>人员类别…</translation>
    </message>
    <message>
        <source>Plan (一人一策)…</source>
        <translation>一人一策…</translation>
    </message>
    <message>
        <source>Show in the clear</source>
        <translation>显示明文</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>家庭成员</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>历次走访</translation>
    </message>
    <message>
        <source>Quarter</source>
        <translation>季度</translation>
    </message>
    <message>
        <source>Planned for</source>
        <translation>计划日期</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成日期</translation>
    </message>
    <message>
        <source>Plan the joint visit…</source>
        <translation>安排联合走访…</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>户数</translation>
    </message>
    <message>
        <source>Visited this year</source>
        <translation>本年走访覆盖率</translation>
    </message>
    <message>
        <source>Key persons</source>
        <translation>重点人员数</translation>
    </message>
    <message>
        <source>Key persons visited as planned</source>
        <translation>动态掌握率</translation>
    </message>
    <message>
        <source>Files confirmed in 30 days</source>
        <translation>30天内核实率</translation>
    </message>
    <message>
        <source>Household visits on time</source>
        <translation>住户按期走访率</translation>
    </message>
    <message>
        <source>Officer&apos;s yearly visit on time</source>
        <translation>民警年度入户率</translation>
    </message>
    <message>
        <source>Per grid</source>
        <translation>按网格</translation>
    </message>
    <message>
        <source>Per officer</source>
        <translation>按民警</translation>
    </message>
    <message>
        <source>Alike</source>
        <translation>相似度</translation>
    </message>
    <message>
        <source>Earlier note</source>
        <translation>雷同的早先记录</translation>
    </message>
    <message>
        <source>Due and overdue</source>
        <translation>待访清单</translation>
    </message>
    <message>
        <source>Joint visits this quarter</source>
        <translation>本季度联合走访</translation>
    </message>
    <message>
        <source>Figures</source>
        <translation>工作指标</translation>
    </message>
    <message>
        <source>Repeated notes (30 days)</source>
        <translation>内容雷同（近30天）</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>%1 overdue · %2 due today · %3 due this week</source>
        <translation>逾期 %1 · 今日到期 %2 · 本周到期 %3</translation>
    </message>
    <message>
        <source>Whole township</source>
        <translation>全镇</translation>
    </message>
    <message>
        <source>No officer on file</source>
        <translation>未登记责任民警</translation>
    </message>
    <message>
        <source>Repeated notes (30 days): %1</source>
        <translation>内容雷同（近30天）：%1</translation>
    </message>
    <message>
        <source>File confirmed %1</source>
        <translation>档案核实于 %1</translation>
    </message>
    <message>
        <source>not confirmed within 30 days: update it</source>
        <translation>超过30天未核实，请更新</translation>
    </message>
    <message>
        <source>File confirmed</source>
        <translation>档案已核实</translation>
    </message>
    <message>
        <source>The household has no location on file: register the incident from the map</source>
        <translation>该户未登记位置，请在地图上登记事件</translation>
    </message>
    <message>
        <source>Finding of a home visit</source>
        <translation>入户走访发现问题</translation>
    </message>
    <message>
        <source>Registered as an incident</source>
        <translation>已转为事件</translation>
    </message>
    <message>
        <source>Pick a member of the household first</source>
        <translation>请先选择一名家庭成员</translation>
    </message>
</context>
<context>
    <name>WallWindow</name>
    <message>
        <source>Command wall</source>
        <translation>指挥大屏</translation>
    </message>
    <message>
        <source>Township comprehensive governance centre</source>
        <translation>乡镇综治中心 · 警网融合指挥大屏</translation>
    </message>
    <message>
        <source>Open incidents</source>
        <translation>未办结事件</translation>
    </message>
    <message>
        <source>Red cards</source>
        <translation>红牌</translation>
    </message>
    <message>
        <source>Yellow cards</source>
        <translation>黄牌</translation>
    </message>
    <message>
        <source>On duty</source>
        <translation>在岗人数</translation>
    </message>
    <message>
        <source>Home visits overdue</source>
        <translation>逾期未走访</translation>
    </message>
    <message>
        <source>New red card: %1 open</source>
        <translation>新增红牌事件：当前 %1 件</translation>
    </message>
    <message>
        <source>New urgent matter for the duty leader</source>
        <translation>新增需带班领导处置的紧急事件</translation>
    </message>
    <message>
        <source>%1 comprehensive governance centre</source>
        <translation>%1综治中心</translation>
    </message>
    <message>
        <source>Patrols in hazard areas are stopped: %1</source>
        <translation>隐患区域巡逻已暂停：%1</translation>
    </message>
    <message>
        <source>Patrols in hazard areas are stopped</source>
        <translation>隐患区域巡逻已暂停</translation>
    </message>
    <message>
        <source>Evacuation: %1 of %2 persons accounted for</source>
        <translation>转移：已核实 %1/%2 人</translation>
    </message>
    <message>
        <source>; unaccounted: %1</source>
        <translation>；未核实：%1</translation>
    </message>
</context>
<context>
    <name>WarningDialog</name>
    <message>
        <source>Issue a warning</source>
        <translation>发布预警</translation>
    </message>
    <message>
        <source>Which villages or area, e.g. 全镇 or 龙潭村、竹坞村</source>
        <translation>预警范围，如 全镇 或 龙潭村、竹坞村</translation>
    </message>
    <message>
        <source>e.g. 县气象台</source>
        <translation>如 县气象台</translation>
    </message>
    <message>
        <source>Hazard</source>
        <translation>灾种</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>预警级别</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>Issued by</source>
        <translation>发布单位</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>预警内容</translation>
    </message>
</context>
</TS>
