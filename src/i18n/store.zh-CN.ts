/** 中文消息：`wfm db migrate|status|copy` 与 `wfm audit`。 */
import type { catalogue as en } from './store.en.js';

export const catalogue = {
  'db.description': '整个数据库：创建或升级结构、查看内容、复制到另一种后端',
  'db.migrate.description': '创建或升级数据库结构（PostgreSQL：同时创建组角色 wfm_read、wfm_plan、wfm_import）',
  'db.migrate.help':
    '数据库为 --db（或 WFM_DB，或 wfm.yaml 的 db）：SQLite 文件，或 PostgreSQL 地址\n' +
    'postgresql://用户@主机:端口/库?sslmode=require（密码取自 PGPASSWORD 或 ~/.pgpass）。\n' +
    'SQLite 文件也会被任何写入命令升级；PostgreSQL 只由本命令升级，须由其所有者执行（其他命令\n' +
    '遇到旧结构会以退出码 2 停止并提示）。在 PostgreSQL 上，若服务器尚无这三个组角色则创建之\n' +
    '（角色属于服务器，第二个数据库会复用）并授权：wfm_read 可读全部；wfm_plan 还可写预测、排班\n' +
    '和人员数据；wfm_import 还可写话务数据。用普通 SQL 授予登录角色，例如  GRANT wfm_plan TO alice;\n\n' +
    '示例：\n  wfm db migrate --db postgresql://wfm_owner@db.example:5432/wfm\n  wfm db migrate --db wfm.db --format json',
  'db.migrate.done': '{store}：结构版本 {from} -> {to}（{backend}）',
  'db.migrate.current': '{store}：结构版本 {to} 已是最新（{backend}），无需操作',
  'db.status.description': '数据库的后端、结构版本、站点和各表行数',
  'db.status.help': '示例：\n  wfm db status\n  wfm db status --db postgresql://planner@db.example/wfm --format json',
  'db.status.head': '{store}：{backend}，结构版本 {version}，变更记录用户 {user}',
  'db.status.sites': '站点：{sites}',
  'db.status.noSites': '站点：暂无',
  'db.col.table': '表',
  'db.col.rows': '行数',
  'db.copy.description': '把整个数据库复制到一个空数据库，可在任意两种后端之间（SQLite、PostgreSQL）',
  'db.copy.help':
    '在目标库的一个事务中复制所有表（话务、会话、区间量、人员、考试、培训、技能、预测、排班、\n' +
    '审计日志）：中途中断时目标库保持原样。空的目标库先建结构（SQLite 文件会被创建；PostgreSQL\n' +
    '数据库须已存在）；已有数据的目标库会被拒绝。复制后两边的所有报表完全相同。\n\n' +
    '示例：\n  wfm db copy --from wfm.db --to postgresql://wfm_owner@db.example/wfm\n  wfm db copy --from postgresql://planner@db.example/wfm --to laptop.db',
  'db.copy.opt.from': '要复制的数据库（SQLite 文件或 PostgreSQL 地址）',
  'db.copy.opt.to': '复制到的空数据库（SQLite 文件或 PostgreSQL 地址）',
  'db.copy.done': '已复制 {from} -> {to}：{tables} 张表共 {rows} 行',
  'db.copy.progress': '正在复制 {table}：{rows} 行',
  'db.copy.same': '--from 和 --to 指向同一个数据库（{store}）',
  'db.copy.notEmpty': '目标库 {store} 已有数据：请复制到空数据库（未写入任何内容）',
  'db.copy.needBoth': '请给出 --from 数据库 和 --to 数据库',
  'audit.description': '谁改了什么：导入、保存的预测和排班、人员导入、复制和结构升级',
  'audit.help':
    '每次对数据库的变更都会写一条审计记录：时间、用户（PostgreSQL 为数据库用户，SQLite 为操作系统\n' +
    '用户）、操作、站点及其计数。最新的在前。\n\n' +
    '示例：\n  wfm audit --since 2026-12-01\n  wfm audit --site beijing --user alice --format json',
  'audit.opt.since': '只显示从该本地日期起的变更（YYYY-MM-DD）',
  'audit.opt.user': '只显示该用户的变更',
  'audit.opt.limit': '最多显示的行数（默认：全部）',
  'audit.col.at': '时间',
  'audit.col.user': '用户',
  'audit.col.action': '操作',
  'audit.col.site': '站点',
  'audit.col.detail': '详情',
  'audit.none': '没有变更记录',
  'store.pgNeedsMigrate': 'PostgreSQL 数据库 {store} 的结构版本为 {version}，本 wfm 需要 {needed}：请由其所有者先执行 `wfm db migrate`（其他命令不会升级它）',
} satisfies Record<keyof typeof en, string>;
