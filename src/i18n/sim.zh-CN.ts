import type { catalogue as en } from './sim.en.js';

/** Messages of the simulation area (`wfm simulate`, `wfm quickstart`), zh-CN. */
export const catalogue = {
  'simulate.description': '逐个来电模拟队列（可复现的随机种子），输出 Asterisk queue_log，或将服务水平与 Erlang C/A 对比',
  'simulate.opt.input': '需求 CSV：interval_start,queue,calls[,aht]（--tz 本地时间；aht = 通话 + 话后处理，秒）',
  'simulate.opt.forecast': '使用数据库中保存的预测作为来电（wfm forecast --save NAME；--db）',
  'simulate.opt.sample': '使用自带样例（data/sample-spec.json）或其他样例规格文件的来电量与排班',
  'simulate.opt.calls': '平稳来电：每个时段预计来电数（单一队列，见 --queue）',
  'simulate.opt.queue': '--calls 使用的队列名',
  'simulate.opt.interval': '时段长度（分钟）（--calls 默认 30；--input 自动推断）',
  'simulate.opt.start': '--calls 的第一天，YYYY-MM-DD（默认：--tz 时区的今天）',
  'simulate.opt.days': '模拟天数：--calls 的天数；--input 重复次数；--sample 从起始日起的天数',
  'simulate.opt.agents': '固定人数：始终在线的坐席数，一个数或按队列给出（billing=12,fault=8）',
  'simulate.opt.roster': '数据库中保存的班表（wfm roster --save NAME），或班次文件（JSON 或 CSV：agent,queues,start,end,breaks）',
  'simulate.opt.aht': '平均通话时长（秒）（默认：每个队列按来电量加权的 CSV aht 均值减去 --wrap）',
  'simulate.opt.ahtCv': '通话时长变异系数：按此 CV 的对数正态分布（0 为固定值）；默认指数分布',
  'simulate.opt.wrap': '每通电话后的话后处理时间（秒，固定；默认 0）',
  'simulate.opt.patience': '来电者平均耐心（秒，指数分布），或 none：无人放弃（默认 none）',
  'simulate.opt.pauseRate': '每名坐席每在线小时的非计划暂停次数（默认 0）',
  'simulate.opt.pauseLength': '非计划暂停的平均时长（秒，指数分布）',
  'simulate.opt.seed': '随机种子：相同输入与种子得到相同日志（默认 1；--sample 使用规格中的种子）',
  'simulate.opt.out': '将 queue_log 写入此文件（.gz 压缩；- 为标准输出）；未给 --out 且无 --summary 时输出到标准输出',
  'simulate.opt.masterCsv': '同时写出 Asterisk cdr_csv Master.csv 记录（--tz 本地时间；.gz 压缩）',
  'simulate.opt.summary': '按时段输出模拟的服务水平、平均应答速度、放弃率及 95% 置信区间，并与 Erlang C/A 对比',
  'simulate.opt.replications': '--summary 的独立重复次数',
  'simulate.opt.by': '汇总行：interval（时段）、day（天）或 total（合计）',
  'simulate.opt.warmup': '汇总时略去开头的分钟数（模拟从空系统开始）',
  'simulate.opt.slThreshold': '所有队列的服务水平门限 T（秒）（默认：--sample 的规格，否则 wfm.yaml 中各队列 sla 的秒数，否则 20）',
  'simulate.help':
    '来电：按各时段速率的泊松过程；每个队列先进先出；耐心耗尽的来电者挂机（ABANDON）。\n' +
    'queue_log 为第 0 次重复，可像真实数据一样导入。\n' +
    '服务水平 = T 秒内接通数 / 来电数。无人放弃时对比 Erlang C，给出 --patience 时对比 Erlang A，\n' +
    '坐席数取模拟中的平均可用人数。\n' +
    '示例：\n' +
    '  wfm simulate --calls 100 --aht 180 --agents 12 --days 1 --summary --by total --warmup 60\n' +
    '  wfm simulate --input demand.csv --agents billing=30,fault=20 --patience 120 --out day.log.gz\n' +
    '  wfm import queue-log day.log.gz\n' +
    '  wfm simulate --sample --out history.log.gz --tz Asia/Shanghai',
  'simulate.err.badAgents': '--agents："{value}" 不是人数：请写整数（12）或按队列给出（billing=12,complaints=4）',
  'simulate.err.bigSeed': '--seed：{value} 必须小于 4294967296（2^32）',
  'simulate.err.noStore': '--forecast：数据库 {db} 不存在（请给出 --db，或先导入并预测）',
  'simulate.err.noForecast': '--forecast：{db} 中没有名为 {name} 的预测（wfm forecast --save {name}）',
  'simulate.err.summaryAndStdout': '--out -：汇总输出到标准输出；请用 --out FILE 将 queue_log 写入文件',
  'simulate.err.needArrivals': '请给出来电：--input FILE.csv、--forecast NAME、--calls N 或 --sample',
  'simulate.err.oneArrivals': '--input、--forecast、--calls 与 --sample 只能给出一个',
  'simulate.err.agentsOrRoster': '--agents 与 --roster 只能给出一个',
  'simulate.err.needAgents': '请给出人员配置：--agents N（或按队列，billing=12,fault=8）或 --roster FILE',
  'simulate.err.agentsUnknownQueue': '--agents：队列 {queue} 不在输入中（队列：{queues}）',
  'simulate.err.agentsMissingQueue': '--agents：缺少队列 {queue} 的人数',
  'simulate.err.needAht': '--aht：队列 {queue} 没有通话时长：请给出 --aht 秒数或 aht 列',
  'simulate.err.ahtBelowWrap': '--wrap：队列 {queue} 的 aht 不长于话后处理时间',
  'simulate.err.badStart': '--start："{value}" 不是日期（YYYY-MM-DD）',
  'simulate.err.badQueue': '"{value}" 不是可用的队列名（为空或含有 |）',
  'simulate.err.offGrid': '{value} 不在其他行的 {minutes} 分钟时段网格上',
  'simulate.err.badJson': '不是有效的 JSON：{message}',
  'simulate.err.badSpec': '不是样例规格：{message}',
  'simulate.err.invalid': '无法模拟：{message}',
  'simulate.err.rosterStoredQueue': '--roster：班表 {name} 安排了队列 {queue}，但来电中没有该队列（队列：{queues}）',
  'simulate.err.rosterAgent': '缺少坐席（或含有 |）',
  'simulate.err.rosterQueue': '队列 {queue} 不在输入中（队列：{queues}）',
  'simulate.err.masterNeedsOut': '--master-csv 与 --summary 同用时需要 --out FILE 写 queue_log',
  'simulate.progress': '模拟中：{time}，{calls} 通来电',
  'simulate.progressRep': '第 {rep} 次重复，共 {reps} 次',
  'simulate.done': '已模拟 {calls} 通来电（接通 {answered}，放弃 {abandoned}），{from} .. {to}，队列 {queues}，种子 {seed}：queue_log {file}（{lines} 行）{master}',
  'simulate.doneMaster': '，Master.csv {file}',
  'simulate.head': '模拟：{reps} 次重复，种子 {seed}；服务水平 = {t} 秒内接通 / 来电；区间为 95% 置信区间；Erlang {model} 使用相同坐席数。',
  'simulate.col.sl': '模拟服务水平',
  'simulate.col.ci': '95% 置信区间',
  'simulate.col.erlangSl': 'Erlang 服务水平',
  'simulate.col.erlangAsa': 'Erlang ASA',
  'simulate.col.abandon': '模拟放弃率',
  'simulate.col.erlangAbandon': 'Erlang 放弃率',
  'quickstart.description': '在自带样例上把完整的排班规划流程跑一遍（新建数据库），并把每一步打印为命令',
  'quickstart.opt.dir': '数据库与全部输出所在目录',
  'quickstart.opt.force': '目录中已有 quickstart 数据库时重新开始（替换它）',
  'quickstart.help':
    '步骤（每一步都是普通的 wfm 命令，会打印出来，可手动重跑）：模拟某电信热线 3 个队列 8 周的 queue_log\n' +
    '（含中秋、国庆假期与调休上班日）-> 导入日志及样例坐席、考试、培训数据 -> 预测下一周 -> 人员需求 -> 排班 ->\n' +
    '按预测模拟班表 -> 日报。约需半分钟。\n' +
    'DIR 中会写入 wfm.yaml（数据库、时区、规则文件、各队列自己的目标）和样例文件的副本，\n' +
    '因此打印出的命令就是在 DIR 中手工输入的简短命令：可修改后重新运行。',
  'quickstart.head': 'wfm quickstart：样例热线 8 周数据（{queues} 个队列，{zone}）写入 {dir}/，用时 {seconds} 秒',
  'quickstart.step.simulate': '已模拟 {calls} 通来电（接通 {answered}，放弃 {abandoned}），{from} .. {to} -> {outputs}',
  'quickstart.step.import': '已导入 {calls} 通来电到 {outputs}（拒绝 {rejected} 行）',
  'quickstart.step.people': '已导入 {agents} 名坐席、{exams} 条考试成绩、{training} 条培训记录、{skills} 条技能要求',
  'quickstart.step.check': '按预测模拟班表：全周服务水平 {serviceLevel}，最差 {worst}（{worstDay}）-> {outputs}',
  'quickstart.step.forecast': '预测 {from} .. {to}（保存为 {name}）：{calls} 通来电 -> {outputs}',
  'quickstart.step.staff': '人员需求：高峰排班 {peakScheduledAgents} 人，共 {scheduledHours} 排班人时 -> {outputs}',
  'quickstart.step.roster': '班表（保存为 {name}）：{agents} 名坐席共 {shifts} 个班次 -> {outputs}',
  'quickstart.step.report': '{date} 报表 -> {outputs}',
  'quickstart.config': '设置见 {config}（数据库、时区、规则、各队列的目标：wfm config show）；以下命令在 {dir} 中运行：',
  'quickstart.failed': '{step} 失败（退出码 {code}）：',
  'quickstart.data': '可编辑的样例坐席名单、考试与培训记录和班次规则，位于 {dir}：{files}',
  'quickstart.running': 'quickstart：{step} ...',
  'quickstart.err.exists': '--dir：{db} 已存在：用 --force 重新开始，或换一个 --dir',
} satisfies Record<keyof typeof en, string>;
