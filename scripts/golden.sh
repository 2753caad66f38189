#!/usr/bin/env bash
# Golden outputs for a refactoring: runs a fixed set of `wfm` commands (the quickstart, every command
# on the sample store in json/csv/table, en and zh-CN, help texts and a set of bad invocations) with
# the built CLI and writes each one's stdout, stderr and exit code into OUTDIR. Run it before and
# after a change and compare the two folders:
#
#   npm run build && scripts/golden.sh /tmp/golden-before
#   ... change ...
#   npm run build && scripts/golden.sh /tmp/golden-after && diff -r /tmp/golden-before /tmp/golden-after
#
# Timings ("seconds", "runtimeMs", "in 3.2 s") and the temporary folder's path are normalised.
# Rosters stop at a time limit, so their shifts can differ from run to run: run the script twice
# before a change to see which outputs vary by themselves.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${1:?usage: scripts/golden.sh OUTDIR}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
export LANG=C TZ=UTC WFM_TZ=Asia/Shanghai
unset WFM_DB WFM_CONFIG LC_ALL LC_MESSAGES

norm() {
  sed -E \
    -e "s#$WORK#<TMP>#g" -e "s#$ROOT#<ROOT>#g" \
    -e 's/"(seconds|runtimeMs)": ?-?[0-9.e+-]+/"\1": T/g' \
    -e 's/(seconds|runtimeMs),?[0-9.e+-]*$/\1/' \
    -e 's/[0-9]+\.[0-9]+ ?s\b/T s/g' \
    -e 's/[0-9]+\.[0-9]+ ?秒/T 秒/g' \
    -e 's/(DTSTAMP:)[0-9TZ]+/\1T/'
}

# run NAME ARGS...: stdout, stderr and exit code of `wfm ARGS...`
run() {
  local name=$1
  shift
  node "$ROOT/bin/wfm.js" "$@" >"$WORK/.o" 2>"$WORK/.e"
  echo $? >"$OUT/$name.code"
  norm <"$WORK/.o" >"$OUT/$name.out"
  norm <"$WORK/.e" >"$OUT/$name.err"
}

# --- the quickstart: the sample store every later command reads --------------------------------
run quickstart quickstart --dir qs --format json
DB=qs/wfm.db
G=(--db "$DB" --tz Asia/Shanghai)

# --- erlang / staff -------------------------------------------------------------------------------
for f in json csv table; do
  run "erlang-c.$f" erlang --calls 320 --interval 30 --aht 240 --sla 80/20 --shrinkage 30% --format $f
  run "erlang-a.$f" erlang --calls 320 --aht 240 --agents 45 --patience 120 --format $f
  run "staff-input.$f" staff --input "$ROOT/data/sample-demand.csv" --sla 80/20 --max-occupancy 90% --format $f
  run "staff-forecast.$f" staff --forecast next-week "${G[@]}" --shrinkage 30% --format $f
done
run erlang-traffic erlang --traffic 22.1 --aht 30 --interval 15 --max-occupancy 85% --format json
run erlang-asa erlang --calls 100 --aht 180 --asa 15 --format json
run staff-day staff --input "$ROOT/data/sample-demand.csv" --by day --format csv
run staff-a staff --input "$ROOT/data/sample-demand.csv" --patience 120 --max-abandon 5% --format csv
run erlang-zh erlang --calls 320 --aht 240 --sla 80/20 --format table --lang zh-CN

# --- forecast ---------------------------------------------------------------------------------------
run forecast-store forecast "${G[@]}" --start 2026-10-26 --days 7 --format json
run forecast-store-csv forecast "${G[@]}" --start 2026-10-26 --days 2 --queue billing --format csv
run forecast-method forecast "${G[@]}" --start 2026-10-26 --days 2 --method snaive --format json
run forecast-table forecast "${G[@]}" --start 2026-10-26 --days 1 --queue complaints --format table
run forecast-backtest forecast backtest "${G[@]}" --queue billing --weeks 2 --format json
run forecast-backtest-csv forecast backtest "${G[@]}" --queue complaints --weeks 1 --methods snaive,calendar --format csv
node "$ROOT/bin/wfm.js" forecast "${G[@]}" --start 2026-10-12 --days 14 --format csv >hist.csv 2>/dev/null
run forecast-input forecast --input hist.csv --tz Asia/Shanghai --days 3 --format json
run forecast-zh forecast "${G[@]}" --start 2026-10-26 --days 1 --queue billing --format table --lang zh-CN

# --- reports and alerts -----------------------------------------------------------------------------
for f in json csv table; do
  run "report-sla.$f" report sla "${G[@]}" --from 2026-10-19 --to 2026-10-25 --format $f
  run "report-sla-agent.$f" report sla "${G[@]}" --from 2026-10-25 --to 2026-10-25 --by agent --format $f
  run "report-staffing.$f" report staffing "${G[@]}" --date 2026-10-25 --format $f
  run "report-agents.$f" report agents "${G[@]}" --date 2026-10-25 --format $f
  run "report-exams.$f" report exams "${G[@]}" --from 2026-01-01 --to 2026-10-25 --format $f
  run "report-training.$f" report training "${G[@]}" --from 2026-01-01 --to 2026-10-25 --format $f
  run "alerts.$f" alerts check "${G[@]}" --date 2026-10-25 --format $f
done
run report-sla-day report sla "${G[@]}" --from 2026-10-01 --to 2026-10-25 --interval day --format json
run report-sla-queue report sla "${G[@]}" --from 2026-10-25 --to 2026-10-25 --queue billing --interval 60 --format csv
run report-staffing-files report staffing "${G[@]}" --date 2026-10-26 --forecast-file qs/forecast.csv --roster next-week --format json
run report-training-roster report training "${G[@]}" --from 2026-10-01 --to 2026-10-25 --roster next-week --part coverage --format csv
run report-exams-findings report exams "${G[@]}" --from 2026-01-01 --to 2026-10-25 --part findings --format csv --excel
for f in json md html csv; do
  run "report-daily.$f" report daily "${G[@]}" --date 2026-10-25 --format $f
done
run report-daily-zh report daily "${G[@]}" --date 2026-10-25 --format md --lang zh-CN
run report-daily-out report daily "${G[@]}" --date 2026-10-25 --out reports
run alerts-default alerts check "${G[@]}" --date 2026-10-25
run alerts-zh alerts check "${G[@]}" --date 2026-10-25 --lang zh-CN --format table

# --- roster -------------------------------------------------------------------------------------------
cat >req.csv <<'EOF'
interval_start,queue,required
2026-10-26 08:00,billing,2
2026-10-26 08:30,billing,3
2026-10-26 09:00,billing,3
2026-10-26 09:30,billing,3
2026-10-26 10:00,billing,2
2026-10-26 10:30,billing,2
2026-10-26 11:00,billing,1
EOF
printf 'id,skills,contract\nA1,billing,full-time\nA2,billing,full-time\nA3,billing,part-time\nA4,billing,part-time\n' >agents.csv
run roster-small.json roster --requirements req.csv --start 2026-10-26 --days 1 --tz Asia/Shanghai --db none.db --time-limit 5 --format json
run roster-small.csv roster --requirements req.csv --agents agents.csv --start 2026-10-26 --days 1 --tz Asia/Shanghai --db none.db --time-limit 5 --format csv
run roster-small.table roster --requirements req.csv --start 2026-10-26 --days 1 --tz Asia/Shanghai --db none.db --time-limit 5 --format table
run roster-list roster list "${G[@]}" --format json
run roster-list-table roster list "${G[@]}" --format table
node "$ROOT/bin/wfm.js" roster --requirements req.csv --start 2026-10-26 --days 1 --tz Asia/Shanghai --db none.db --time-limit 5 --format json >small-roster.json 2>/dev/null
run roster-diff roster diff next-week small-roster.json "${G[@]}" --format json
run roster-diff-same roster diff next-week next-week "${G[@]}" --format csv
run roster-init roster init rules-out.yaml --defaults
cp rules-out.yaml "$OUT/roster-init.file" 2>/dev/null

# --- simulate -----------------------------------------------------------------------------------------
run sim-sample simulate --sample --days 2 --tz Asia/Shanghai --out sim.log --master-csv Master.csv --format json
cp sim.log "$OUT/sim-sample.log" 2>/dev/null
run sim-flat simulate --calls 100 --aht 180 --agents 10 --start 2026-10-26 --days 1 --summary --replications 3 --seed 7 --tz Asia/Shanghai --format json
run sim-flat-table simulate --calls 100 --aht 180 --agents 10 --start 2026-10-26 --days 1 --summary --by day --replications 3 --seed 7 --tz Asia/Shanghai --format table
run sim-input simulate --input "$ROOT/data/sample-demand.csv" --agents 30 --summary --by total --replications 2 --seed 3 --tz Asia/Shanghai --format csv
run sim-forecast simulate --forecast next-week --agents billing=40,fault-reports=30,complaints=8 "${G[@]}" --summary --by day --replications 2 --format json
run sim-roster-file simulate --input "$ROOT/data/sample-demand.csv" --roster small-roster.json --summary --by total --replications 2 --tz Asia/Shanghai --format json

# --- imports (fresh stores) -----------------------------------------------------------------------------
run import-ql import queue-log sim.log --db i.db --tz Asia/Shanghai --format json
run import-ql-again import queue-log sim.log --db i.db --tz Asia/Shanghai --format json
run import-cdr import cdr Master.csv --db c.db --tz Asia/Shanghai --format json
printf 'interval_start,queue,offered,answered,abandoned,answered_within\n2026-10-26 08:00,billing,10,9,1,8\n2026-10-26 08:30,billing,x,9,1,8\n' >acd.csv
run import-volumes import volumes acd.csv --db v.db --tz Asia/Shanghai --format json
for k in agents exams training skills; do
  run "import-$k" import $k "$ROOT/data/$k.csv" --db p.db --format json
done
run import-ql-table import queue-log sim.log --db i2.db --tz Asia/Shanghai --format table

# --- live -----------------------------------------------------------------------------------------------
run live-json live --source queue-log:sim.log --at '2026-08-31 10:00' --tz Asia/Shanghai --format json
run live-table live --source queue-log:sim.log --at '2026-08-31 10:00' --tz Asia/Shanghai --format table
run live-csv live --source queue-log:sim.log --at '2026-08-31 10:00' --tz Asia/Shanghai --format csv
run live-sim live --source sim --format json --tz Asia/Shanghai

# --- help -----------------------------------------------------------------------------------------------
run help --help
run help-zh --help --lang zh-CN
for c in erlang staff forecast 'forecast backtest' live 'import queue-log' 'import cdr' 'import volumes' 'import agents' \
  'report sla' 'report staffing' 'report agents' 'report daily' 'report exams' 'report training' 'alerts check' \
  roster 'roster init' 'roster diff' 'roster list' simulate quickstart; do
  # shellcheck disable=SC2086
  run "help-${c// /-}" $c --help
done
run help-roster-zh roster --help --lang zh-CN

# --- bad invocations ----------------------------------------------------------------------------------
run bad-noargs
run bad-erlang-noaht erlang --calls 10
run bad-erlang-sla erlang --calls 10 --aht 100 --sla 80-20
run bad-erlang-interval erlang --calls 10 --aht 100 --interval 7
run bad-erlang-share erlang --calls 10 --aht 100 --shrinkage 120%
run bad-staff-missing staff --input nope.csv
run bad-staff-format staff --input "$ROOT/data/sample-demand.csv" --format html
run bad-tz erlang --calls 10 --aht 100 --tz Mars/Base
run bad-forecast-date forecast "${G[@]}" --start 2026-13-01
run bad-forecast-history forecast "${G[@]}" --history 2026-01-01..bad
run bad-report-interval report sla "${G[@]}" --from 2026-10-25 --to 2026-10-25 --interval 7
run bad-report-date report staffing "${G[@]}" --date 2026-02-30
run bad-report-nostore report sla --db missing.db --from 2026-10-25 --to 2026-10-25
run bad-roster-interval roster --requirements req.csv --start 2026-10-26 --interval 7
run bad-roster-start roster --requirements req.csv --start 26/10/2026
run bad-roster-noforecast roster --forecast nope --start 2026-10-26 "${G[@]}"
run bad-live-window live --source sim --window 3x
run bad-live-speed live --source sim --speed fast
run bad-sim-agents simulate --calls 10 --aht 100 --agents x=
run bad-sim-roster simulate --calls 10 --aht 100 --roster nope
run bad-daily-within report daily "${G[@]}" --date 2026-10-25 --within 3y
run bad-import-missing import queue-log nope.log --db x.db
run bad-unknown frobnicate
ls -1 "$WORK" | grep -v '^\.' >"$OUT/files-left"
echo "golden outputs in $OUT"
