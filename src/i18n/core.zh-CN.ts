import type { catalogue as en } from './core.en.js';

/** 简体中文消息。键与英文目录一致。 */
export const catalogue = {
  'cli.description': '呼叫中心劳动力管理：Erlang C/A 人力测算、话务预测、排班、PBX 数据导入与报表。',
  'cli.version': '显示版本号',
  'cli.help': '显示命令帮助',
  'global.format': '输出格式（默认：{default}）',
  'global.lang': '消息和表格的语言：en 或 zh-CN（默认：$WFM_LANG，否则 wfm.yaml，否则取自 LC_ALL / LC_MESSAGES / LANG）',
  'global.quiet': '不在 stderr 输出进度或提示（错误仍会输出）',
  'global.tz': '站点的 IANA 时区，例如 Asia/Shanghai（默认：$WFM_TZ，否则 wfm.yaml，否则系统时区）',
  'global.db': '数据库：SQLite 文件，或 PostgreSQL 地址 postgresql://用户@主机:端口/库（默认：$WFM_DB，否则 wfm.yaml，否则 ./wfm.db）',
  'global.site': '站点（一台 PBX 或一个场地）：导入和保存写入该站点，报表只显示该站点（默认：$WFM_SITE，否则 wfm.yaml；未指定时导入写入“default”，报表覆盖所有站点）',
  'cli.exitCodes':
    '退出码：\n  0  成功\n  1  意外失败（程序缺陷，或磁盘/权限问题）\n  2  用法错误或输入无效（消息会指出选项，或文件、行号和字段）\n  3  部分成功：部分输入行被拒绝，其余已使用（见 --rejects）\n  5  触发了告警（wfm alerts check）',
  'cli.examples':
    '示例：\n  wfm erlang --calls 320 --interval 30 --aht 240 --sla 80/20\n  wfm erlang --calls 320 --aht 240 --agents 45 --patience 120\n  wfm staff --input data/sample-demand.csv --sla 80/20 --shrinkage 30% --tz Asia/Shanghai',
  'cli.seeHelp': '（加 --help 查看用法）',
  'err.field': '字段 {field}：',
  'err.internal': '意外失败：{message}（设置 WFM_DEBUG=1 可查看调用栈；请报告此问题）',
  'err.unreachable':
    '在 {bound} 名座席以内无法满足 {traffic} Erlang 话务量的目标：请放宽 --sla/--asa/--max-abandon（100% 服务水平或 0 秒 ASA 永远无法达到）',
  'err.maxAbandonNeedsPatience': '--max-abandon 需要同时给出 --patience（仅适用于 Erlang A）',
  'err.fileSystem': '无法 {syscall} {path}：{reason}',

  'output.cannotWrite': '{what} {path}：无法写入：{reason}',
  'output.notFolder': '{what} {path}：{file} 是文件，不是文件夹',
  'output.isFolder': '{what} {path} 是文件夹：请给出文件名',
  'fs.EACCES': '权限不足',
  'fs.EPERM': '不允许的操作',
  'fs.EROFS': '只读文件系统',
  'fs.ENOSPC': '设备上没有剩余空间',
  'fs.EDQUOT': '超出磁盘配额',
  'fs.EFBIG': '文件过大',
  'fs.ENOTDIR': '路径中有一部分不是文件夹',
  'fs.EISDIR': '这是一个文件夹',
  'fs.ENOENT': '没有该文件或文件夹',
  'fs.ENAMETOOLONG': '名称过长',
  'fs.ELOOP': '符号链接层数过多',
  'fs.EBUSY': '资源忙',
  'fs.EIO': '输入/输出错误',
  'store.saveName': '--save {name}：保存名称不能包含换行或其他控制字符（它会写入数据库、文件名和日历）',
  'store.needsUpgrade': '数据库 {path} 的结构版本为 {version}；本版 wfm 读取版本 {needed}。只读命令从不修改数据库：请先运行一次写入命令进行升级（任意 wfm import，或 roster/forecast --save），然后再运行本命令',
  'store.damaged': '数据库 {path} 已损坏：缺少表 {tables}。请从备份恢复，或导入到新的数据库（--db）',
  'store.damagedSchema': '数据库 {path} 已损坏：{message}。请从备份恢复，或导入到新的数据库（--db）',
  'store.readOnly': '数据库 {path} 对当前用户只读（{code}）：只读命令（报表、列表）仍可使用；写入命令需要可写的数据库（--db）',

  'opt.badLang': '“{value}”不是支持的语言（请用 en 或 zh-CN）',
  'opt.notNumber': '“{value}”不是数字',
  'opt.notPositive': '“{value}”必须大于 0',
  'opt.notNonNegative': '“{value}”必须大于或等于 0',
  'opt.notWholeNumber': '“{value}”必须是大于或等于 0 的整数',
  'opt.notPositiveInt': '“{value}”必须是大于或等于 1 的整数',
  'opt.notShare': '“{value}”必须是 0 到 1 之间的比例，或百分比如 30%',
  'opt.shrinkageTooBig': '“{value}”：缩减率必须低于 100%',
  'opt.badSla': '“{value}”不是服务水平目标：请写成 X/T，例如 80/20 表示 80% 的来电在 20 秒内接通',
  'opt.badSite': '“{value}”不是有效的站点名：1 至 {max} 个字符，不含控制字符，首尾不能有空格',
  'opt.badZone': '“{value}”不是 IANA 时区（例如 Asia/Shanghai、Europe/Berlin、UTC）',
  'opt.badInterval': '“{value}”不是有效的时段长度：须为能整除一天的分钟数，例如 15、30 或 60',
  'opt.sla': '服务水平目标 X/T：X% 的来电在 T 秒内接通（默认：wfm.yaml 中各队列的目标，否则 80/20）',
  'opt.asa': '平均应答速度（ASA）上限，秒（默认：wfm.yaml 中各队列的值；none：不设 ASA 目标）',
  'opt.maxOccupancy': '座席占用率上限，例如 0.85 或 85%（默认：wfm.yaml 中各队列的值；none：不设上限）',
  'opt.shrinkage': '不在线时间占带薪时间的比例（休息、培训、缺勤）：排班人数 = ceil(座席数 / (1 - 缩减率))（默认：wfm.yaml 中各队列的值，否则 0）',
  'opt.patience': '来电者平均耐心时长（秒）：启用 Erlang A（来电者会挂断）（默认：wfm.yaml 中各队列的值；none：所有队列都用 Erlang C）',
  'opt.maxAbandon': '放弃率上限（Erlang A），例如 5%（默认：wfm.yaml 中各队列的值；none：不设上限）',
  'opt.strict': '只要有一行有误就拒绝整个文件（默认：报告错误行，使用其余行，退出码 3）',
  'opt.rejects': '把所有被拒绝的行（文件、行号、字段、原因）写入此 CSV 文件',

  'value.unstable': '无上限（不稳定）',
  'col.agents': '座席数',
  'col.serviceLevel': '服务水平',
  'col.asaSeconds': 'ASA 秒',
  'col.occupancy': '占用率',
  'col.probWait': '等待概率',
  'col.probAbandon': '放弃概率',
  'col.queue': '队列',
  'col.site': '站点',
  'col.intervalStart': '时段开始',
  'col.calls': '来电量',
  'col.ahtSeconds': 'AHT 秒',
  'col.trafficErlangs': '话务量(Erl)',
  'col.scheduledAgents': '排班人数',
  'col.date': '日期',
  'col.agentHours': '在线工时',
  'col.scheduledHours': '排班工时',
  'col.peakAgents': '峰值座席',
  'col.peakScheduledAgents': '峰值排班',

  'erlang.description': '单个时段所需座席数（Erlang C，或加 --patience 用 Erlang A），附假设分析表',
  'erlang.opt.calls': '该时段的来电量',
  'erlang.opt.traffic': '话务量（Erlang），可代替 --calls',
  'erlang.opt.interval': '时段长度（分钟）',
  'erlang.opt.aht': '平均处理时长（秒；通话 + 保持 + 话后处理；默认：wfm.yaml 中该队列的 aht）',
  'erlang.opt.agents': '评估给定的座席数，而不是求所需人数',
  'erlang.err.needCalls': '请给出 --calls（配合 --interval）或 --traffic',
  'erlang.note.unknownQueue': '{file} 中没有队列 {queue}：使用 defaults 的设置',
  'erlang.err.needAht': '请给出 --aht 秒数（或在 wfm.yaml 中为该队列设置 aht）',
  'erlang.opt.queue': '从 wfm.yaml 取此队列的目标和 AHT（默认：其 defaults 部分）',
  'erlang.help':
    '定义：\n' +
    '  话务量（Erlang）= 来电量 × AHT / 时段秒数\n' +
    '  Erlang C（不加 --patience）：来电者一直等待。服务水平 = 所有来电中 P(等待 <= T)；\n' +
    '    ASA = 所有来电的平均等待；座席数 <= 话务量时系统不稳定（服务水平 0，ASA 无上限）。\n' +
    '  Erlang A（--patience S）：来电者的耐心服从均值为 S 秒的指数分布，超时即挂断。\n' +
    '    服务水平 = 所有来电中在 T 秒内被接通的比例（放弃的来电计为未达标）；\n' +
    '    ASA = 被接通来电的平均等待；放弃概率 = 挂断来电的比例。\n' +
    '  占用率 = 处理的话务量 / 座席数。所需座席 = 满足所有给定目标（--sla、--asa、--max-occupancy、\n' +
    '    --max-abandon）的最小人数。排班人数 = ceil(座席数 / (1 - 缩减率))。\n' +
    '示例：\n' +
    '  wfm erlang --calls 320 --interval 30 --aht 240 --sla 80/20 --shrinkage 30%\n' +
    '  wfm erlang --calls 320 --aht 240 --patience 120 --max-abandon 5%\n' +
    '  wfm erlang --traffic 42.7 --aht 240 --agents 45 --format json',
  'erlang.head.c': 'Erlang C：话务量 {traffic} Erlang，AHT {aht} 秒，目标 {sl} 在 {t} 秒内接通',
  'erlang.head.a': 'Erlang A：话务量 {traffic} Erlang，AHT {aht} 秒，耐心 {patience} 秒，目标 {sl} 在 {t} 秒内接通',
  'erlang.line.required': '所需在线座席：{agents}    排班人数（缩减率 {shrinkage}）：{scheduled}',
  'erlang.line.given': '在线座席：{agents}    排班人数（缩减率 {shrinkage}）：{scheduled}',
  'erlang.line.figures': '服务水平 {sl}   ASA {asa}   占用率 {occ}   等待概率 {pw}',
  'erlang.line.abandon': '放弃概率 {pa}',

  'staff.description': '根据来电量和 AHT 预测，计算每个队列每个时段的所需座席和排班人数',
  'staff.opt.input': '需求 CSV，列为 interval_start,queue,calls,aht（queue 可省略；时间为 --tz 的本地时间）',
  'staff.opt.interval': '时段长度（分钟；默认从数据推断）',
  'staff.opt.by': 'csv/表格的行：interval（默认，按时段）或 day（按天汇总）',
  'staff.err.needInput': '请给出 --input FILE.csv（列为 interval_start,queue,calls,aht）或 --forecast NAME',
  'staff.err.needInterval': '每个队列只有一个时段，无法推断时段长度：请给出 --interval',
  'staff.help':
    '输入：带表头的 CSV：interval_start（--tz 时区的本地时间 YYYY-MM-DD HH:MM，或带偏移的 ISO 8601）、\n' +
    'queue（可选）、calls、aht（秒；calls 为 0 时可留空）。\n' +
    '每个时段：话务量 = 来电量 × AHT / 时段秒数；座席数 = 满足所有目标的最小人数；\n' +
    '排班人数 = ceil(座席数 / (1 - 缩减率))。每个队列每天：在线工时和排班工时（座席数 × 时段小时数之和）、\n' +
    '峰值、按来电量加权的服务水平。服务水平的定义见 `wfm erlang --help`。有误的行会报告文件、行号和字段\n' +
    '并跳过（退出码 3），加 --strict 则拒绝整个文件（退出码 2）。\n' +
    '示例：\n  wfm staff --input data/sample-demand.csv --sla 80/20 --shrinkage 30% --tz Asia/Shanghai --format csv',
  'staff.head.c': 'Erlang C，{interval} 分钟时段，目标 {sl} 在 {t} 秒内接通，缩减率 {shrinkage}',
  'staff.head.a': 'Erlang A（耐心 {patience} 秒），{interval} 分钟时段，目标 {sl} 在 {t} 秒内接通，缩减率 {shrinkage}',
  'staff.daysTitle': '每日汇总',

  'input.moreRejected': '……另有 {count} 行被拒绝（用 --rejects FILE 全部写出）',
  'input.cannotRead': '无法读取文件（{code}）',
  'input.tooLarge': '文件大于 {limit}，超出此类文件的上限',
  'input.csvSyntax': '不是有效的 CSV：{message}',
  'input.empty': '文件为空',
  'input.noRows': '没有可用的行',
  'input.timeNonexistent': '“{value}”在 {zone} 时区不存在（因夏令时调整被跳过）',
  'input.badTime': '“{value}”不是时间：请写成 YYYY-MM-DD HH:MM（本地时间）或带偏移的 ISO 8601',
  'input.badCount': '“{value}”不是来电数量（须为大于或等于 0 的数）',
  'input.badAht': '“{value}”不是以秒计的处理时长（须大于 0）',
  'input.missingAht': '有来电的时段缺少 AHT',
  'input.emptyQueue': '队列名称为空',
  'input.duplicateInterval': '队列 {queue} 的 {value} 已在第 {first} 行给出',
  'input.missingColumn': '缺少列：{columns}',
  'input.strictRejected': '--strict：有 {count} 行有误，未使用任何数据',
  'staff.opt.forecast': '使用 wfm forecast --save NAME 保存的预测，代替 --input',
  'staff.opt.aht': '预测中没有 AHT 的时段所用的 AHT（秒；预测时没有 AHT 历史）',
  'staff.err.noStore': '{db} 处没有数据库：请先保存预测（wfm forecast --save NAME），或以 CSV 文件给出需求',
  'staff.err.noForecast': '{db} 中没有名为“{name}”的预测（用 wfm forecast --save NAME 创建）',
  'staff.err.forecastNoAht': '预测“{name}”中队列 {queue} 没有 AHT：请给出 --aht SECONDS',
  'help.usage': '用法：',
  'help.options': '选项：',
  'help.commands': '命令：',
  'help.globalOptions': '全局选项：',
  'help.arguments': '参数：',
  'help.choices': '可选值',
  'help.default': '默认',
} satisfies Record<keyof typeof en, string>;
