/**
 * `wfm import cdr` (Asterisk cdr_csv Master.csv, FreeSWITCH mod_cdr_csv default template, mapped CSV)
 * and `wfm import volumes`, checked through `wfm report sla`. Field orders from the formats' docs:
 * Asterisk cdr_csv: accountcode,src,dst,dcontext,clid,channel,dstchannel,lastapp,lastdata,start,answer,
 * end,duration,billsec,disposition,amaflags[,uniqueid,userfield]; FreeSWITCH default template:
 * caller_id_name,caller_id_number,destination_number,context,start_stamp,answer_stamp,end_stamp,
 * duration,billsec,hangup_cause,uuid,bleg_uuid,accountcode (+ read_codec,write_codec in "example").
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, wfm } from '../helpers/wfm-cli.js';

beforeAll(() => ensureBuilt());
const tmp = () => mkdtempSync(join(tmpdir(), 'wfm-cdr-'));
const report = (dir: string, extra: string[] = []) => {
  const r = wfm(['report', 'sla', '--from', '2025-05-29', '--to', '2025-05-29', '--interval', '60', '--format', 'json', ...extra], dir);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>[];
};

describe('import cdr', () => {
  it('Asterisk Master.csv: Queue rows only; answered wait = answer - start, talk = billsec', () => {
    const dir = tmp();
    writeFileSync(
      join(dir, 'Master.csv'),
      [
        '"","13800138000","4000","from-pstn","""Zhang"" <13800138000>","SIP/trunk-00000001","SIP/8001-0000000a","Queue","billing,t","2025-05-29 09:00:00","2025-05-29 09:00:12","2025-05-29 09:03:12",192,180,"ANSWERED","DOCUMENTATION","1748509200.1",""',
        '"","13800138001","4000","from-pstn","","SIP/trunk-00000002","","Queue","billing","2025-05-29 09:10:00","","2025-05-29 09:10:03",3,0,"NO ANSWER","DOCUMENTATION","1748509800.2",""',
        '"","8001","13900000000","from-internal","","SIP/8001-0000000b","SIP/trunk-0000000c","Dial","SIP/trunk/13900000000","2025-05-29 09:20:00","2025-05-29 09:20:05","2025-05-29 09:21:00",60,55,"ANSWERED","DOCUMENTATION","1748510400.3",""',
        '"","13800138002","4000","from-pstn","","SIP/trunk-00000004","","Queue","billing","2025-05-29 25:10:00","","2025-05-29 09:10:03",3,0,"NO ANSWER","DOCUMENTATION","1748509800.4",""',
      ].join('\r\n') + '\r\n',
    );
    const r = wfm(['import', 'cdr', 'Master.csv', '--type', 'asterisk', '--format', 'json'], dir);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('Master.csv:4:');
    expect(JSON.parse(r.stdout)).toMatchObject({ accepted: 2, rejected: 1, calls: 2 });
    const total = report(dir).find((x) => x.intervalStart === null)!;
    expect(total).toMatchObject({ queue: 'billing', offered: 2, answered: 1, abandoned: 1, shortAbandoned: 1, answeredWithin: 1, asaSeconds: 12, ahtSeconds: 180, maxWaitSeconds: 12 });
    // re-import: nothing new
    expect(JSON.parse(wfm(['import', 'cdr', 'Master.csv', '--format', 'json'], dir).stdout).newCalls).toBe(0);
  });

  it('FreeSWITCH default template (sample from the FreeSWITCH CDR docs) and an answered call (wait 20 s <= 20: within)', () => {
    const dir = tmp();
    writeFileSync(
      join(dir, 'Master.csv'),
      '"9007","9007","0034688886392","public","2025-05-29 16:59:50","","2025-05-29 16:59:50","0","0","NORMAL_CLEARING","a5c9f6c0-e752-11e3-8bfb-65b6c3cdac7d","","","",""\n' +
        '"Li","13700000000","0034688886392","public","2025-05-29 17:01:32","2025-05-29 17:01:52","2025-05-29 17:05:52","260","240","NORMAL_CLEARING","e29ff0ae-e752-11e3-8bff-65b6c3cdac7d","b-1", "","PCMA","PCMA"\n',
    );
    const r = wfm(['import', 'cdr', 'Master.csv', '--type', 'freeswitch', '--format', 'json'], dir);
    expect(r.code).toBe(0);
    const total = report(dir).find((x) => x.intervalStart === null)!;
    expect(total).toMatchObject({ queue: '0034688886392', offered: 2, answered: 1, abandoned: 1, shortAbandoned: 1, answeredWithin: 1, asaSeconds: 20, ahtSeconds: 240 });
    // the spelling, --format freeswitch, reads the same layout (summary in JSON off a TTY): nothing new
    const again = wfm(['import', 'cdr', 'Master.csv', '--format', 'freeswitch'], dir);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ newCalls: 0, accepted: 2 });
  });

  it('any CSV with --map; --type csv without --map is bad usage', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'export.csv'), 'Skill,Id,Arrived,Waited,Talked,Result\nvip,1,2025-05-29 10:00:00,15,300,handled\nvip,2,2025-05-29 10:05:00,40,,abandoned\n');
    writeFileSync(join(dir, 'map.txt'), '# my ACD\nqueue = Skill\ncall_id = Id\nentered = Arrived\nwait = Waited\ntalk = Talked\noutcome = Result\n');
    expect(wfm(['import', 'cdr', 'export.csv', '--type', 'csv'], dir).code).toBe(2);
    expect(wfm(['import', 'cdr', 'export.csv', '--type', 'csv', '--map', 'map.txt'], dir).code).toBe(0);
    expect(report(dir).find((x) => x.intervalStart === null)).toMatchObject({ queue: 'vip', offered: 2, answered: 1, abandoned: 1, shortAbandoned: 0, answeredWithin: 1, abandonRate: 0.5, ahtSeconds: 300 });
  });
});

describe('import volumes', () => {
  it('ACD interval rows feed the report for queues without call data; bad rows rejected', () => {
    const dir = tmp();
    writeFileSync(
      join(dir, 'acd.csv'),
      'interval_start,queue,offered,answered,abandoned,answered_within,aht\n' +
        '2025-05-29 09:00,fault,100,90,10,72,300\n' +
        '2025-05-29 09:30,fault,50,45,5,45,200\n' +
        '2025-05-29 10:00,fault,5,6,0,6,100\n' +
        'yesterday,fault,5,5,0,5,100\n',
    );
    const r = wfm(['import', 'volumes', 'acd.csv', '--format', 'json'], dir);
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout)).toMatchObject({ accepted: 2, rejected: 2 });
    const rows = report(dir);
    expect(rows[0]).toMatchObject({ queue: 'fault', intervalStart: '2025-05-29T09:00:00Z', offered: 150, answered: 135, abandoned: 15, answeredWithin: 117 });
    expect(rows[0].serviceLevel).toBeCloseTo(117 / 150, 12);
    expect(rows[0].ahtSeconds).toBeCloseTo((90 * 300 + 45 * 200) / 135, 9);
    // the same file again replaces, never adds
    wfm(['import', 'volumes', 'acd.csv'], dir);
    expect(report(dir)[0].offered).toBe(150);
  });
});
