import type { catalogue as en } from './forecast.en.js';

/** 简体中文：`wfm forecast` 的消息（键 `forecast.*`）。 */
export const catalogue = {
  'forecast.description': '按队列和时段预测话务量与处理时长（含 80% 区间）；`forecast backtest` 评估准确度',
  'forecast.opt.queue': '要预测的队列，逗号分隔（默认：历史中的全部队列）',
  'forecast.opt.start': '预测首日 YYYY-MM-DD，--tz 的本地日期（默认：历史最后一天的次日）',
  'forecast.opt.days': '预测天数（默认 7）',
  'forecast.opt.interval': '时段长度（分钟），15、30 或 60（默认：历史数据的粒度；更粗的粒度会把历史相加）',
  'forecast.opt.method': 'auto（默认：按历史回测选择）或某个方法名（见下）',
  'forecast.opt.input': '历史 CSV，列为 interval_start,queue,calls[,aht]（queue 可省略；本地时间按 --tz）',
  'forecast.opt.history': '只使用 FROM..TO 的历史日期（YYYY-MM-DD..YYYY-MM-DD，任一端可留空）',
  'forecast.opt.holidays': '节假日日历：cn（中国法定节假日及调休工作日）或 none（默认：--tz 为中国时区时为 cn，否则 none）',
  'forecast.opt.specialDays': '特殊日期 CSV：date,label,factor，factor 为倍数（1.3）或 like:<星期>（like:sunday）',
  'forecast.opt.adjust': '将所有预测按此百分比调整，例如 5 或 -10%（话务量和区间；AHT 不变）',
  'forecast.opt.save': '将预测以此名称作为不可修改的快照存入 --db（供 wfm staff --forecast NAME 使用）',
  'forecast.opt.calibrationWeeks': 'auto 选择方法和校准区间所用的历史内回测周数（默认 6）',
  'forecast.opt.weeks': '以历史最后一天结束的按周回测折数（默认 4）',
  'forecast.opt.methods': '要评估的方法，逗号分隔（默认：全部方法及 auto）',
  'forecast.opt.origins': '明确指定各折的起始日期，逗号分隔 YYYY-MM-DD（代替 --weeks）',
  'forecast.opt.testEnd': '最后一个计分日期 YYYY-MM-DD（默认：最后一折起始日 + 6 天）',
  'forecast.backtest.description': '滚动起点回测：每折用其之前的全部数据训练，预测该折 7 天，为每个方法计分',

  'forecast.help':
    '方法（--method）：\n' +
    '  snaive    上周同一天同一时段的值（Hyndman & Athanasopoulos, FPP3 §5.2）\n' +
    '  mean4w    最近 4 个相同星期几在该时段的平均值（Ibrahim 等 2016, IJF 32(3)）\n' +
    '  profile   按星期季节性指数平滑的日总量 × 星期日内分布（自上而下的 WFM 方法；\n' +
    '            Gans, Koole & Mandelbaum 2003, M&SOM 5(2)）\n' +
    '  hw        日、周双季节 Holt-Winters，参数按最小二乘拟合（Taylor 2003, JORS 54(8)）\n' +
    '  calendar  稳健的星期水平 × 月内日因子 × 收缩后的日内分布（Weinberg, Brown & Stroud 2007,\n' +
    '            JASA 102；James-Stein 收缩，Efron & Morris 1975）\n' +
    '  combo     calendar 与 hw 的等权平均（Bates & Granger 1969；Clemen 1989）\n' +
    '  auto      在 --start 之前数周的滚动回测中 WAPE 最低的方法；仅当逐周优势稳定\n' +
    '            （配对 t > 1）时才不用 calendar\n' +
    '历史：没有记录的时段视为关闭而不是 0；预测只覆盖最近 4 周（按星期几）开放的时段。节假日\n' +
    '（--holidays cn）按以往同一节日预测（无历史时按缩放的周日），调休工作日按普通工作日预测；两者都\n' +
    '不计入星期分布。特殊日期：倍数会缩放正常预测（该日历史除以此倍数）；like:<星期> 按该星期几预测。\n' +
    '输出：intervalStart（ISO 8601，带 --tz 的偏移）、queue、calls（期望值）、aht（秒，按话务量加权并\n' +
    '平滑；历史无 aht 时为空）、callsLow 与 callsHigh（80% 区间：10% 和 90% 分位数，按回测校准）。\n' +
    '时区：时段网格为本地挂钟时间；夏令时跳过的时段不输出；时钟回拨时重复的时段输出两次（每个偏移\n' +
    '一次），各为该本地时段的预测；历史中两次出现的数据相加到该本地时段。\n' +
    '示例：\n' +
    '  wfm forecast --input calls.csv --queue billing --start 2026-10-05 --days 14 --tz Asia/Shanghai\n' +
    '  wfm forecast --input calls.csv --interval 30 --method calendar --adjust 5% --format csv\n' +
    '  wfm forecast --input calls.csv --special-days campaigns.csv --holidays cn --save oct-w41\n' +
    '  wfm forecast backtest --input calls.csv --queue billing --weeks 6',
  'forecast.backtest.help':
    '每折用其首日之前的全部记录训练，预测该日及随后 6 天，并对该折的记录计分。\n' +
    'e = 预测 - 实际，汇总所有计分时段：\n' +
    '  WAPE     100 × Σ|e| / Σ实际\n' +
    '  MAPE     100 × 有来电时段上 |e| / 实际 的平均\n' +
    '  RMSE     sqrt(mean(e²))\n' +
    '  MASE     mean|e| / 首折之前历史中 mean|y(t) - y(t - 7 天)|（周季节朴素法）\n' +
    '  bias     100 × Σe / Σ实际（负值 = 预测偏低）\n' +
    '  dayWape  日总量的 WAPE；weekWape  各折总量的 WAPE\n' +
    '  coverage 落在 80% 区间内的实际时段占比（校准良好时约 80%）\n' +
    '  runtimeMs  方法在所有折上的拟合与预测耗时（auto 含其自身回测）\n' +
    '示例：\n' +
    '  wfm forecast backtest --input calls.csv --queue billing --weeks 4\n' +
    '  wfm forecast backtest --input na_bank_15min.csv --holidays none --origins 2003-09-29,2003-10-06 --methods mean4w,calendar,auto',
  'forecast.note.method': '队列 {queue}：方法 {method}{detail}',
  'forecast.note.methodDetail': '（{weeks} 周回测 WAPE {wape}%）',
  'forecast.note.days': '队列 {queue}：{date} {treatment}{label}',
  'forecast.note.noRows': '队列 {queue}：预测期内没有开放时段',
  'forecast.progress.queue': '正在预测队列 {queue}（{i}/{n}）',
  'forecast.progress.fold': '回测第 {i}/{n} 折',
  'forecast.head': '预测 {queue}：{method}，{interval} 分钟时段，{start} 起 {days} 天',
  'forecast.backtest.head': '回测 {queue}：{interval} 分钟时段，测试 {from}..{to}，{folds} 折，MASE 基准 {scale}',
  'forecast.treatment.holiday-history': '节假日，按以往节假日预测',
  'forecast.treatment.holiday-scaled-sunday': '节假日，按缩放的周日预测',
  'forecast.treatment.makeup-workday': '调休工作日，按工作日预测',
  'forecast.treatment.special-factor': '特殊日期，按倍数缩放',
  'forecast.treatment.special-like': '特殊日期，按另一星期几预测',
  'forecast.treatment.closed': '关闭',
  'forecast.col.low': '下限 80%',
  'forecast.col.high': '上限 80%',
  'forecast.col.method': '方法',
  'forecast.col.wape': 'WAPE %',
  'forecast.col.mape': 'MAPE %',
  'forecast.col.rmse': 'RMSE',
  'forecast.col.mase': 'MASE',
  'forecast.col.bias': '偏差 %',
  'forecast.col.dayWape': '日 WAPE %',
  'forecast.col.coverage': '区间覆盖 %',
  'forecast.col.runtime': '毫秒',
  'forecast.col.chosen': '各折所选',

  'forecast.err.noInput': '请给出 --input FILE.csv（列 interval_start,queue,calls[,aht]），或先将话单导入存储',
  'forecast.err.noQueue': '队列“{queue}”没有历史（现有队列：{queues}）',
  'forecast.err.oneQueue': '历史中有多个队列（{queues}）：请用 --queue 选择一个',
  'forecast.err.interval': '--interval {interval} 与 {native} 分钟粒度的历史不符（请使用 {native} 的倍数）',
  'forecast.err.badRange': '“{value}”不是日期范围：请写 FROM..TO，日期为 YYYY-MM-DD（任一端可省略）',
  'forecast.err.badDate': '“{value}”不是日期（YYYY-MM-DD）',
  'forecast.err.badMethod': '“{value}”不是方法（可用：{methods}）',
  'forecast.err.badAdjust': '“{value}”不是大于 -100 的百分比，例如 5、-10 或 7.5%',
  'forecast.err.badHolidays': '“{value}”：请使用 cn 或 none',
  'forecast.err.specialColumns': '特殊日期文件需要列 date,label,factor（factor：数字或 like:<星期>）',
  'forecast.err.specialFactor': '“{value}”既不是倍数（0 或以上的数字）也不是 like:<星期>',
  'forecast.err.specialDuplicate': '{value} 已在第 {first} 行给出',
  'forecast.err.emptyHistory': '没有剩余的历史记录（请检查 --input、--history 和 --queue）',
  'forecast.err.bad-interval': '时段长度必须能整除一天',
  'forecast.err.empty-history': '没有历史记录',
  'forecast.err.bad-date': '“{value}”不是日期（YYYY-MM-DD）',
  'forecast.err.bad-weekday': '“{value}”不是星期几（monday … sunday）',
  'forecast.err.bad-factor': '特殊日期 {date}：“{factor}”不是 0 或以上的倍数',
  'forecast.err.bad-days': '--days 必须是 1 或以上的整数',
  'forecast.err.no-history-before-start': '{start} 之前没有历史：预测只使用 --start 之前的日期',
  'forecast.err.unknown-method': '“{method}”不是方法',
  'forecast.err.no-mase-pairs': '{testStart} 之前没有可用于 MASE 基准的历史（首折之前需要相隔一周的记录）',
  'forecast.err.other': '无法预测：{code}',
  'forecast.err.saveExists': '站点 {site} 已保存名为“{name}”的预测（{by}，{at}）：快照不可修改，未覆盖任何内容；请换一个名称',
  'forecast.err.noHistory': '未给出 --input，且 {db} 处没有数据库：请先导入历史（wfm import queue-log FILE）或给出 --input FILE.csv',
  'forecast.err.noStoredCalls': '数据库 {db} 中没有 {from} 至 {to} 的来电：请先导入（wfm import ...）、用 --history FROM..TO 选择时段，或给出 --input FILE.csv',
  'forecast.note.saved': '已将预测“{name}”（{rows} 个时段）保存到 {db}；用法：wfm staff --forecast {name}',
} satisfies Record<keyof typeof en, string>;
