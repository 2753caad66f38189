/**
 * Split one CSV line into fields (RFC 4180 quoting: "a ""b""",c). Pure. PBX CSV exports (Asterisk
 * cdr_csv, FreeSWITCH mod_cdr_csv) write one record per line, so a line is a record. Spaces around a
 * quoted field are dropped (FreeSWITCH's default template writes `", "` before accountcode).
 */
export function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  const n = line.length;
  while (i <= n) {
    while (i < n && line[i] === ' ') i++;
    if (line[i] === '"') {
      let value = '';
      i++;
      while (i < n) {
        const ch = line[i];
        if (ch === '"') {
          if (line[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += ch;
        i++;
      }
      while (i < n && line[i] !== ',') i++;
      out.push(value);
      i++;
    } else {
      let j = line.indexOf(',', i);
      if (j === -1) j = n;
      out.push(line.slice(i, j).trim());
      i = j + 1;
    }
  }
  return out;
}
