import type { catalogue as en } from './cdr.en.js';

/** Messages of the call-data area (imports, store, report sla), zh-CN. */
export const catalogue = {
  'import.description': '把 PBX 话务数据导入数据库（--db）：Asterisk queue_log、CDR CSV、ACD 时段话务量',
  'import.help':
    '所有导入都以流方式读取文件（可直接读 .gz），可重复执行（同一通话导入两次或来自重叠的导出，只保存一次），\n' +
    '并且是事务性的（中途中断时数据库保持原样，重新运行即可）。\n' +
    '被拒绝的行会给出文件、行号和原因；退出码 0 全部接受，3 部分被拒，2 没有可用数据。',
  'import.arg.files': '输入文件（可直接读取 .gz）',
  'import.opt.strict': '文件中只要有一行有误就跳过整个文件（默认：保留正确的行，退出码 3）',
  'import.opt.map': '列映射文件：每行一个 "字段 = 列名"',
  'import.queueLog.description': 'Asterisk queue_log（1.8 和 11+ 格式）：每通排队来电一行，另含座席事件',
  'import.queueLog.help':
    '行格式：epoch|callid|queue|agent|EVENT|data...（见 Asterisk "Queue Logs" 文档）。通话由 ENTERQUEUE、CONNECT、\n' +
    'COMPLETEAGENT、COMPLETECALLER、ABANDON、EXITWITHTIMEOUT、EXITWITHKEY、EXITEMPTY、RINGNOANSWER、\n' +
    'TRANSFER/BLINDTRANSFER/ATTENDEDTRANSFER 组成；座席会话来自 AGENTLOGIN/AGENTLOGOFF、ADDMEMBER/REMOVEMEMBER、\n' +
    'PAUSE/UNPAUSE/PAUSEALL/UNPAUSEALL（含暂停原因）。文件结束时仍未结束的通话（例如昨天的日志）会被保留，\n' +
    '在导入下一个文件时补全。\n' +
    '合理取值（超出范围的行被拒绝，并给出字段和范围）：时间从 1999 年到当前时间之后一天；holdtime、waittime、\n' +
    'calltime 为 0 到 86400 秒（没有通话会等待或通话一整天）；ringtime 为 0 到 86400000 毫秒。呼叫 ID、队列和座席\n' +
    '名称不得含控制字符（C0 含制表符、DEL、C1）：这样的行被拒绝；暂停原因或转接目标中的控制字符替换为 U+FFFD，事件照常计入。\n' +
    '示例：\n  wfm import queue-log /var/log/asterisk/queue_log.1.gz /var/log/asterisk/queue_log --tz Asia/Shanghai',
  'import.cdr.description': '通话详单：Asterisk cdr_csv Master.csv、FreeSWITCH mod_cdr_csv，或用 --map 映射的任意 CSV',
  'import.cdr.opt.type': '输入格式：asterisk（Master.csv）、freeswitch（默认模板）或 csv（需 --map）',
  'import.cdr.opt.queue': '所有通话都归入此队列（默认：Asterisk 取 Queue() 参数，FreeSWITCH 取 destination_number）',
  'import.cdr.help':
    'Asterisk：只有最后应用为 Queue 的行才算排队来电（除非给出 --queue）。disposition 为 ANSWERED（FreeSWITCH：有\n' +
    'answer_stamp）即接通；等待 = 应答时间 - 开始时间；通话时长 = billsec；否则算放弃。\n' +
    '时间按 --tz 的本地时间读取（Asterisk 设置 usegmtime=yes 时请用 --tz UTC）。\n' +
    '--type csv --map FILE：映射字段 queue、call_id、entered、wait（必需），outcome、talk、wrap、agent、answered。\n' +
    '合理取值（超出范围的行被拒绝，并给出字段和范围）：时间从 1990 年到当前时间之后一天；duration、billsec、wait、\n' +
    'talk、wrap 为 0 到 86400 秒（通话不会长达一天）；通话结束时间（进入 + 等待 + 通话）不得晚于当前时间之后一天。\n' +
    '队列、呼叫 ID 和座席名称不得含控制字符（C0 含制表符、DEL、C1）。一行就是一条记录：引号字段在本行内未闭合，\n' +
    '或引号字段中的引号既未双写（""）也不在逗号之前，属于引号错误，该行被拒绝\n' +
    '（FreeSWITCH 不会双写值中的引号：主叫姓名含引号时就会这样）。\n' +
    '示例：\n  wfm import cdr Master.csv --type asterisk\n  wfm import cdr export.csv --type csv --map columns.txt',
  'import.volumes.description': 'ACD 时段报表（interval_start,queue,offered,answered,abandoned,answered_within,aht）',
  'import.volumes.help':
    '带表头的 CSV；interval_start 和 offered 为必需列，其他列可选，可用 --map FILE 映射列名\n' +
    '（字段 interval_start、queue、offered、answered、abandoned、answered_within、aht、asa）。\n' +
    '`wfm report sla` 对没有逐通数据的队列使用时段话务量。\n' +
    '合理取值（超出范围的行被拒绝，并给出字段和范围）：offered、answered、abandoned、answered_within 每个时段\n' +
    '0 到 10,000,000；aht、asa 为 0 到 86400 秒；interval_start 从 1990 年到当前时间之后一天；队列名称不得含控制字符。',
  'import.retry': '另一个导入同时修改了相同的数据：重新开始（第 {attempt} 次）',
  'import.progress': '{file}：{percent}%（{lines} 行）',
  'import.summary.calls':
    '{files} 个文件，{lines} 行：接受 {accepted}，拒绝 {rejected}，重复 {duplicates}；写入 {calls} 通通话（新增 {newCalls}），新增座席事件 {agentEvents} 条',
  'import.summary.volumes': '{files} 个文件，{lines} 行：接受 {accepted}，拒绝 {rejected}；写入 {calls} 个时段行（新增 {newCalls}）',
  'import.summary.pending': '{pending} 通通话尚未结束：导入下一份日志时会补全',
  'import.nothingUsable': '输入中没有可用数据（没有被接受的行）',
  'import.err.needMap': '--type csv 需要用 --map FILE 指明各列',
  'import.err.queueControl': '--queue 含有控制字符 {codePoint}：队列名称不得含控制字符',
  'import.map.badLine': '不是 "字段 = 列名" 格式的行：{value}',
  'import.reject.fewFields': '字段太少（{count} 个，至少需要 {expected} 个）：可能是被截断的行',
  'import.reject.encoding': '含有非 UTF-8 字节',
  'import.reject.badTime': '"{value}" 不是时间（应为 epoch 秒数或 YYYY-MM-DD HH:MM:SS）',
  'import.reject.timeRange': '"{value}" 是不可能的时间（queue_log 中早于 1999 年，其他导出中早于 1990 年，或晚于当前时间一天以上）',
  'import.reject.unknownEvent': '未知事件 "{value}"',
  'import.reject.missing': '缺少 {field}',
  'import.reject.notNumber': '{field} "{value}" 不是秒数',
  'import.reject.truncatedGzip': '压缩文件在此处损坏（.gz 被截断）：这行只写了一半，未读取；它之前的行已读取',
  'import.reject.tooLong': '该行超过 {max} 字节（此处的任何格式都没有这么长的行）：已跳到行尾',
  'import.reject.noLineEnd': '{max} 字节内没有换行（不是文本导出，或文件已损坏或被恶意构造）：文件其余部分未读取',
  'import.reject.badOutcome': '"{value}" 不是通话结果（answered、abandoned、timeout、key、empty）',
  'import.reject.countsExceed': 'answered + abandoned 超过了 offered（{offered}）',
  'import.reject.withinExceeds': 'answered_within 超过了 answered（{answered}）',
  'import.reject.range': '{field} "{value}" 超出合理范围 {min} 到 {max}',
  'import.reject.endsLate': '该通话 {entered} 进入，等待 {wait} 秒、通话 {talk} 秒：结束时间将晚于 {latest}，而现在导入的通话不可能那么晚才结束',
  'import.reject.control': '{field} 含有控制字符 {codePoint}：名称不得含控制字符（C0 含制表符和换行、DEL、C1）',
  'import.reject.strayQuote': '引号错误：引号字段中的引号既未双写（""）也不在逗号或行尾之前',
  'import.reject.openQuote': '引号错误：引号字段到行尾仍未闭合（此类导出每行一条记录）',
  'import.reject.quoteBroken': '引号错误：本行开始的引号字段在第 {at} 行出错（其中的引号既未双写也不在逗号或行尾之前）；到该行为止的各行都未导入',
  'import.reject.quoteEof': '引号错误：本行开始的引号字段到文件末尾仍未闭合；其后各行都在该字段内，未导入',
  'import.reject.quoteLong': '本行开始的引号字段超过 {max} 字节：该字段及其闭合之前的各行都未导入',
  'import.reject.quoteCut': '本行开始的引号字段被第 {at} 行截断（该行无法读取）；到该行为止的各行都未导入',
  'import.reject.insideQuote': '位于第 {line} 行开始的出错引号字段之内',

  'store.cannotOpen': '无法打开数据库 {path}：{code}',
  'store.tooNew': '数据库 {path} 的结构版本为 {version}，本版 wfm 只支持到 {supported}：请升级 wfm',
  'store.busy': '数据库 {db} 持续忙碌 {seconds} 秒（另一个导入或保存正在写入）：请稍后重试，或用 --wait 秒数 等待更久',
  'store.waiting': '正在等待数据库 {db}：另一个进程正在写入（已等待 {seconds} 秒）……',
  'import.opt.wait': '另一个导入或保存正在写入时，等待数据库的秒数（默认 600）；超时后以退出码 2 报告“数据库忙”',
  'site.choose': '数据库中有多个站点（{sites}）：请用 --site 指定一个（或 WFM_SITE，或 wfm.yaml 中的 site:）',
  'site.unknown': '数据库中没有站点“{site}”（现有：{sites}；wfm.yaml 的 sites: 中也可以列出站点）',
  'site.snapshotAmbiguous': '多个站点（{sites}）都保存了“{name}”：请用 --site 指定一个',
  'store.missing': '{path} 处没有数据库：请先导入数据（wfm import ...）或用 --db 指定',
  'store.pg.badUrl': '无法解析数据库地址：{message}',
  'store.pg.unavailable': '无法连接数据库 {path} 的 PostgreSQL 服务器，或服务器中途断开：{reason}。本次运行未保留任何内容：请在服务器恢复后重新运行',
  'store.pg.gaveUp': '数据库 {path} 的 PostgreSQL 服务器中止了本次运行：{reason}。本次运行未保留任何内容：请重新运行（可能需要调大服务器上设置的超时或锁等待时间，或为服务器腾出资源）',
  'store.pg.regrant': '数据库 {path} 由较旧版本的 wfm 迁移：其角色权限和审计日志需要更新。请以数据库所有者身份运行 wfm db migrate',
  'store.pg.login': '数据库 {path} 的 PostgreSQL 服务器拒绝登录：{reason}（密码依次取自 URL、PGPASSWORD、~/.pgpass）',
  'store.pg.noDatabase': '数据库 {path} 的 PostgreSQL 服务器上没有数据库 {database}：请先创建（createdb），再运行 wfm db migrate',
  'store.pg.serverTooOld': '数据库 {path} 的 PostgreSQL 服务器版本为 {version}；wfm 需要 PostgreSQL 11 或更高版本',
  'store.pg.encoding': '数据库 {path} 的编码为 {encoding}；wfm 需要 UTF8（创建数据库时使用 ENCODING \'UTF8\'）',
  'store.pg.notMigrated': 'PostgreSQL 数据库 {path} 还没有 wfm 的表结构：请先对它运行 wfm db migrate（其他命令从不创建或升级 PostgreSQL 数据库）',
  'store.pg.oldSchema': 'PostgreSQL 数据库 {path} 的结构版本为 {version}；本版 wfm 需要版本 {needed}：请运行 wfm db migrate（其他命令从不升级 PostgreSQL 数据库）',
  'store.pg.deniedRead': 'PostgreSQL 用户 {user} 无权读取数据库 {path}（表 {table}）：需要组角色 wfm_read，由管理员用 GRANT wfm_read TO {user} 授予',
  'store.pg.deniedWrite': 'PostgreSQL 用户 {user} 无权修改数据库 {path} 的表 {table}：需要组角色 {role}，由管理员用 GRANT {role} TO {user} 授予。未做任何修改',
  'store.pg.deniedWriteEither': 'PostgreSQL 用户 {user} 无权修改数据库 {path} 的表 {table}：需要组角色 {role} 或 {other}，由管理员用 GRANT {role} TO {user} 授予。未做任何修改',
  'store.pg.migrateDenied': 'wfm db migrate 无法以用户 {user} 修改 PostgreSQL 数据库 {path}（{reason}）：请以拥有 CREATEROLE 权限的数据库所有者或超级用户身份运行。未做任何修改',
  'store.pg.readOnly': '数据库 {path} 以只读方式打开，不能修改（{reason}）',

  'report.description': '基于数据库（--db）的报表',
  'sla.description': '各队列的时段指标：来电、接通、放弃、服务水平、ASA、AHT（或按座席）',
  'sla.opt.queue': '只看此队列（可重复或用逗号分隔多个）',
  'sla.opt.from': '起始日期（YYYY-MM-DD，--tz 的本地日期）或本地日期时间',
  'sla.opt.to': '结束日期（含当天，YYYY-MM-DD），或不含的本地日期时间',
  'sla.opt.interval': '时段：15、30 或 60 分钟，或 day（按天）',
  'sla.opt.slThreshold': '服务水平阈值（秒）：等待 <= 该值接通的计为达标（默认：--sla 的秒数，否则 wfm.yaml 中各队列 sla 的秒数，否则 20）',
  'sla.opt.shortAbandon': '等待少于该秒数即放弃的计为短放弃（0 表示关闭；默认：wfm.yaml 中各队列的 short-abandon，否则 5）',
  'sla.opt.by': 'queue（默认）或 agent：按座席统计登录、暂停、通话数、通话时长、占用率',
  'sla.help':
    '来电归入其进入队列时所在的时段（按 --tz）。每个队列每个时段一行，另加合计行：\n' +
    '  offered = 全部来电；answered 接通；abandoned 放弃；exited = 因超时、按键或队列无人而离开\n' +
    '  shortAbandoned = 等待少于 --short-abandon 秒即放弃（仍计入 offered 和 abandoned）\n' +
    '  answeredWithin = 等待 <= --sl-threshold 秒接通\n' +
    '  serviceLevel = answeredWithin / (offered - shortAbandoned)\n' +
    '  abandonRate = (abandoned - shortAbandoned) / (offered - shortAbandoned)\n' +
    '  asaSeconds = 接通来电的平均等待；ahtSeconds = 接通来电的平均通话时长（数据中有话后处理时一并计入）\n' +
    '  maxWaitSeconds = 所有来电中最长的等待\n' +
    '--format json：对象数组，字段正是以上各项加 queue 和 intervalStart（带时区偏移的 ISO 8601；合计行为 null）；\n' +
    '--format csv：同样的列。只列出有来电的时段。\n' +
    '--by agent：agent、intervalStart、loggedInSeconds、pausedSeconds、calls（接通数，按应答时间）、\n' +
    'talkSeconds（按通话覆盖的时段分摊）、occupancy = 通话 / (登录 - 暂停)。\n' +
    '示例：\n  wfm report sla --from 2026-03-01 --to 2026-03-31 --interval 30 --queue billing --format csv',
  'sla.err.date': '{option} "{value}" 不是日期：请写 YYYY-MM-DD 或 YYYY-MM-DD HH:MM',
  'sla.err.needPeriod': '请用 --from DATE 和 --to DATE 给出统计期间',
  'sla.err.emptyPeriod': '期间 {from} .. {to} 为空（--to 早于 --from）',
  'sla.head': '排队来电 {from} .. {to}（{zone}），{interval} 分钟时段，服务水平阈值 {threshold} 秒，短放弃 < {short} 秒',
  'sla.day': '一天',
  'sla.total': '合计',
  'sla.noCalls': '该期间没有来电',
  'sla.noAgents': '该期间没有座席活动',
  'sla.col.offered': '来电',
  'sla.col.answered': '接通',
  'sla.col.abandoned': '放弃',
  'sla.col.shortAbandoned': '短放弃',
  'sla.col.exited': '离队',
  'sla.col.answeredWithin': '达标接通',
  'sla.col.abandonRate': '放弃率',
  'sla.col.maxWait': '最长等待 秒',
  'sla.col.agent': '座席',
  'sla.col.loggedInHours': '登录 小时',
  'sla.col.pausedHours': '暂停 小时',
  'sla.col.talkHours': '通话 小时',
} satisfies Record<keyof typeof en, string>;
