import type { catalogue as en } from './config.en.js';

/** 简体中文：站点配置文件（wfm.yaml）、`wfm config show`、通用取值格式。 */
export const catalogue = {
  'global.config': '站点配置文件（默认：$WFM_CONFIG，否则为当前目录或上级目录中的 wfm.yaml）',
  'format.default.tableOrJson': '终端中为 table，否则为 json',
  'format.default.md': 'md',
  'format.default.lines': '每条告警一行',
  'format.default.cdr': '终端中为 table，否则为 json；asterisk 或 freeswitch 表示输入格式（同 --type）',
  'format.default.live': '终端中为实时看板，否则为 json',

  'opt.badFormatChoice': '--format {value}：此命令可输出 {choices}',
  'opt.badDate': '"{value}" 不是日期：请写 YYYY-MM-DD',
  'opt.badDateTime': '"{value}" 不是日期或时间：请写 YYYY-MM-DD 或 YYYY-MM-DD HH:MM',
  'opt.badTimeOfDay': '"{value}" 不是时刻：请写 HH:MM',
  'opt.badRange': '"{value}" 不是日期范围：请写 起..止（YYYY-MM-DD，任一端可留空，起不能晚于止）',
  'opt.badDuration': '"{value}" 不是时长：例如 8h、90m 或 3600s',
  'opt.badDays': '"{value}" 不是天数：例如 30、30d 或 4w',
  'opt.badSpeed': '"{value}" 不是速度：大于 0 的数，例如 10x',
  'opt.badPercentChange': '"{value}" 不是大于 -100 的百分比变化：例如 5、+5% 或 -10%',
  'opt.badIntervalChoice': '"{value}" 不是此处可用的时段长度：{choices}',
  'opt.badIntervalStep': '"{value}" 不是此处可用的时段长度：能整除一天且为 {step} 的倍数的整分钟数',

  'config.description': '站点配置（wfm.yaml）：显示生效的设置及其来源',
  'config.show.description': '生效的设置（数据库、时区、语言、规则文件、各队列的目标）及每项的来源',
  'config.show.help':
    '优先级：命令行参数，其次环境变量（WFM_DB、WFM_TZ、WFM_LANG），再次 wfm.yaml，最后内置默认值\n' +
    '（语言的内置默认值取自系统区域设置 LC_ALL / LC_MESSAGES / LANG）。wfm.yaml 为 --config FILE，\n' +
    '否则为 $WFM_CONFIG，否则为当前目录或某一上级目录中的第一个 wfm.yaml。其中的路径相对于文件所在目录。示例：\n\n' +
    '  db: ./wfm.db\n  tz: Asia/Shanghai\n  lang: zh-CN\n  roster-rules: roster-rules.yaml\n  defaults:            # 下面未列出的所有队列\n    sla: 80/20\n    shrinkage: 30%\n  queues:\n    vip:\n      sla: 90/10\n      max-occupancy: 85%\n      shrinkage: 35%\n\n' +
    '顶层键：db、tz、lang、holidays（cn 或 none）、roster-rules、alert-rules、defaults、queues。\n' +
    '队列键：sla（X/T）、asa（秒）、max-occupancy、shrinkage、max-abandon（比例：0.3 或 30%）、\n' +
    'patience（秒：Erlang A）、aht（秒，数据中缺少时使用）、short-abandon（秒）。\n' +
    '目标参数（--sla、--shrinkage 等）在本次运行中覆盖所有队列的目标。',
  'config.col.key': '设置项',
  'config.col.value': '值',
  'config.col.source': '来源',
  'config.source.flag': '命令行参数',
  'config.source.env': '环境变量',
  'config.source.file': 'wfm.yaml',
  'config.source.locale': '区域设置',
  'config.source.built-in': '内置默认',
  'config.file': '配置文件：{file}',
  'config.noFile': '没有配置文件（当前或上级目录中的 wfm.yaml、--config FILE 或 $WFM_CONFIG）：使用内置默认值。',
  'config.tooBig': '配置文件超过 {max} 字节',
  'config.syntax': '不是有效的 YAML：{message}',
  'config.notMap': '应为键值对（映射）',
  'config.notText': '应为一个值',
  'config.unknownKey': '未知的键（可用的键：{keys}）',
  'config.badChoice': '"{value}" 不在可选值中：{choices}',
  'config.badEnv': '${name}="{value}" 无效',
  'config.maxAbandonNeedsPatience': '队列 {queue}：max-abandon 需要 patience（仅适用于 Erlang A）',

  'shifts.badJson': '不是有效的 JSON：{message}',
  'shifts.shape': '应为班次数组，或包含 "shifts": [...] 的对象',
  'shifts.noAgent': '缺少坐席',
  'shifts.order': '班次的结束时间必须晚于开始时间',
  'shifts.break': '休息的结束时间必须晚于开始时间，且在班次之内',
  'shifts.notFound': '{option}没有名为 "{name}" 的排班文件，{db} 中也没有以此名称保存的排班（wfm roster --save NAME）',
  'rejects.isInput': '--rejects {file} 是输入文件之一：把被拒绝的行写到那里会毁掉它',
} satisfies Record<keyof typeof en, string>;
