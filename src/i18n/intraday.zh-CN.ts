import type { catalogue as en } from './intraday.en.js';

/** 简体中文：`wfm intraday` 与实时看板日内面板的消息（键 intraday.*）。 */
export const catalogue = {
  'intraday.description': '今日余下时段：依据截至目前的来电重新预测，对照排班核算人力，并给出提升服务水平的调整建议（休息、加班、自愿休假、跨队列调配）',
  'intraday.opt.date': '日期 YYYY-MM-DD，站点时区的本地日期（默认：今天）',
  'intraday.opt.at': '截至此本地时刻 HH:MM（00:00 至 24:00）：只计此前进入队列的来电；或 now（默认，仅限今天）',
  'intraday.opt.queue': '队列，逗号分隔（默认：早间预测中的全部队列）',
  'intraday.opt.forecast': '早间预测：用 wfm forecast --save NAME 保存的预测（默认：用默认方法依据库中当天之前的历史预测当天）',
  'intraday.opt.roster': '排班：已保存的名称或排班文件（默认：覆盖当天、非 --apply 生成的最新已保存排班，取其在 --at 时生效的版本）',
  'intraday.opt.rules': '校验调整建议所用的排班规则（默认：已保存排班自带的规则；排班文件则用 wfm.yaml 的 roster-rules，否则用内置规则）',
  'intraday.opt.interval': '没有已保存预测时的时段长度（分钟，默认 30；时段话务量数据则用其自身时段）',
  'intraday.opt.maxActions': '最多列出这么多条建议（0：不列）',
  'intraday.opt.apply': '将采纳的建议另存为此名称的新排班版本（原排班保持不变）',
  'intraday.opt.accept': '配合 --apply：按编号采纳的建议，例如 1,3（默认：全部）',
  'intraday.help':
    '截至 --at：只计此前进入队列的来电（话单级数据；仅有时段话务量的队列，则计截至当时已结束并已导入的时段），\n' +
    '因此过去的某天可按当时的样子准确回放。重新预测按当天水平及最近走势修正早间预测（双状态卡尔曼滤波，\n' +
    '以真实银行数据调参；无漂移时即可信度比率 (A + k)/(F + k)），区间为 80 %。\n' +
    '每个时段：requiredAgents 与 wfm staff 相同（各队列目标，Erlang C，或给出耐心时间时 Erlang A；已计缺勤率），\n' +
    'scheduledAgents 为排班在岗人数（按时间加权，扣除休息；库中有座席事件时，不计截至 --at 仍未登录的当班座席），\n' +
    '以及据此预计的服务水平和放弃率（仅 Erlang A）。建议均经排班规则校验（班次模板、休息窗口、每日与每周时长、\n' +
    '班间休息、技能与证书），按每人时对全天余下时段综合服务水平的提升排序；每名座席至多一条，可任意采纳其中几条。\n' +
    '任一队列余下时段的预计服务水平低于目标时退出码为 5。\n' +
    '只针对一个站点，按其时区：--site，否则为保存 --forecast 或 --roster 的站点，否则为库中唯一的站点。\n' +
    'JSON：{date, at, queues: [{queue, ..., intervals: [...]}], actions: [...]}；CSV：各时段。\n' +
    '示例：\n' +
    '  wfm intraday --at 10:00 --forecast morning --roster week-45\n' +
    '  wfm intraday --date 2026-10-21 --at 14:00 --queue billing --format json\n' +
    '  wfm intraday --at now --quiet --format json > /dev/null || page-supervisor     # 定时任务，每 15 分钟\n' +
    '  wfm intraday --at 10:00 --roster week-45 --apply week-45-1000 --accept 1,2\n' +
    '  wfm simulate --forecast morning --roster week-45-1000 --summary                 # 对比调整前后',

  'intraday.err.atNow': '--at now 指今天（{today}）：{date} 请写 --at HH:MM',
  'intraday.err.atMissing': '{value} 在 {zone} 不存在（时钟跳过了它）：请换一个 --at',
  'intraday.err.noStore': '{db} 没有数据库：请先导入来电（wfm import queue-log FILE）或用 --db 指定',
  'intraday.err.forecastDay': '预测 {name} 在 {date} 没有任何时段',
  'intraday.err.noHistory': '{db} 中 {date} 之前没有来电或话务量可供预测当天：请给出 --forecast NAME，或先导入历史数据',
  'intraday.err.volumeInterval': '队列 {queue}：话务量按 {minutes} 分钟时段记录，长于 {interval} 分钟的网格：请用 --interval {minutes}，或 {minutes} 分钟的预测',
  'intraday.err.rosterEmpty': '排班文件 {name} 中没有班次',
  'intraday.err.applyNoRoster': '--apply 需要排班：请给出 --roster NAME|FILE（没有覆盖当天的已保存排班）',
  'intraday.err.accept': '--accept {rank}：共有 {count} 条建议',
  'intraday.err.acceptNeedsApply': '--accept 用于选择 --apply 保存的建议：请同时给出 --apply NAME',
  'intraday.err.interval': '--interval {interval}：预测 {name} 的时段为 {minutes} 分钟',
  'intraday.err.noQueue': '队列 {queue} 没有预测（队列：{queues}）',
  'intraday.err.noAht': '队列 {queue}：预测的来电没有处理时长：请在 wfm.yaml 中为该队列设置 aht，或使用带 AHT 的预测',

  'intraday.note.noRoster': '没有排班（请给出 --roster NAME|FILE，或保存覆盖当天的排班）：无在岗人数、预计值和建议',
  'intraday.note.rosterRules': '已保存排班 {name} 没有可读的规则：建议将按 wfm.yaml 的 roster-rules（否则内置规则）校验',
  'intraday.note.unmatched': '{name} 中有 {count} 个班次不符合任何班次模板：不对其提出建议',
  'intraday.note.noQueue': '{name} 中有 {count} 个班次未写队列：不计入（请为每个班次写明队列）',
  'intraday.note.rosterDay': '排班 {name} 不覆盖 {date}：无人排班',
  'intraday.note.notLoggedIn': '有 {count} 名当班座席截至 {at} 仍未登录，此后不计入在岗人数：{agents}',
  'intraday.note.noAgents': '库中没有座席（wfm import agents）：技能未知，因此不做跨队列调配',
  'intraday.note.applied': '已将 {actions} 条建议保存为排班 {name}（{from} 保持不变）；可用 wfm simulate --roster {name} 对比',

  'intraday.head': '日内管理 {date}，截至 {at} · 排班 {roster}',
  'intraday.head.noRoster': '日内管理 {date}，截至 {at} · 无排班',
  'intraday.queue.head': '{queue}：早间预测 {forecast} 通（{method}）；截至目前 {soFar} 通，预测为 {forecastSoFar}（{change}）；全天：{calls}（{low} 至 {high}，80 %）',
  'intraday.queue.rest': '  余下时段：{calls} 通（{low} 至 {high}）；预计服务水平 {sl}，目标 {target}{below}；采纳建议后 {withActions}；放弃率 {abandon}',
  'intraday.queue.below': '，低于目标',
  'intraday.col.time': '时间',
  'intraday.col.forecast': '预测',
  'intraday.col.actual': '实际',
  'intraday.col.reforecast': '重新预测',
  'intraday.col.band': '80 % 区间',
  'intraday.col.required': '需求',
  'intraday.col.scheduled': '排班',
  'intraday.col.gap': '缺口',
  'intraday.col.sl': '服务水平',
  'intraday.col.abandon': '放弃率',
  'intraday.actions': '调整建议（按每人时服务水平提升排序）',
  'intraday.actions.none': '在排班规则内没有能提升预计服务水平的调整。',
  'intraday.col.rank': '#',
  'intraday.col.action': '建议',
  'intraday.col.effect': '预计效果（余下时段）',
  'intraday.col.lift': '提升',
  'intraday.col.perHour': '每人时',
  'intraday.action.break': '将 {agent} 的休息 {from} 移到 {start}-{end}',
  'intraday.action.overtime': '请 {agent} 加班 {start}-{end}',
  'intraday.action.timeOff': '给 {agent} 自愿休假 {start}-{end}',
  'intraday.action.move': '将 {agent} 从 {queue} 调到 {toQueue} {start}-{end}',
  'intraday.effect': '{queue} {before} 至 {after}',

  'intraday.panel.title': '日内管理：计划对照实际（按 p 返回座席）',
  'intraday.panel.waiting': '正在计算日内数据…',
  'intraday.panel.failed': '无日内数据：{message}',
  'intraday.panel.asOf': '截至 {time}，每 {minutes} 分钟刷新 · 排班 {roster}',
  'intraday.panel.soFar': '截至目前来电 {soFar}，预测 {forecastSoFar}（{change}）',
  'intraday.panel.day': '全天重新预测 {calls}（{low} 至 {high}），早间 {forecast}',
  'intraday.panel.gap': '未来 2 小时缺口',
  'intraday.panel.actions': '首要建议',
  'intraday.panel.noActions': '没有能提升服务水平的调整',
  'intraday.opt.liveForecast': '日内面板（按 p）的早间预测：已保存的预测（默认：用默认方法依据库中历史预测）',
} satisfies Record<keyof typeof en, string>;
