// tests/nodediff/compare.mjs — compare one program's stdout and exit code
// under `boxagnts run` and under Node, tolerating exactly the differences
// the suite's table documents (t_node_diff.sh writes it to RULES).
//
//   node compare.mjs CASE KIND BX_OUT BX_RC NODE_OUT NODE_RC RULES
//
// KIND: "exact" (stdout and exit code identical), "trace" (lines aligned;
// each differing line must be explained by a rule), "check" (a self-checking
// guest: ours must pass everything; each FAIL line Node prints must be
// explained by a rule, its "P passed, F failed" must count exactly those,
// and its exit code is then 1).
// RULES: tab-separated  ID  CASE-REGEX  NODE-REGEX  BX-REGEX  WHY
//   NODE-REGEX / BX-REGEX: the line on that side; "-" = no line on that
//   side.  A BX-REGEX with a (?<drop>...) group explains a Node line equal
//   to the ours with that group cut out.
// Prints "ok CASE", or "FAIL CASE: ..." lines, and "documented ID" for each
// rule used; exit status 0 only when everything is explained.
import { readFileSync } from 'node:fs';

const [cas, kind, bxFile, bxRc, nodeFile, nodeRc, rulesFile] = process.argv.slice(2);
const lines = (f) => { const s = readFileSync(f, 'latin1'); const v = s.split('\n'); if (v.at(-1) === '') v.pop(); return v; };
const bx = lines(bxFile), nd = lines(nodeFile);
const rules = readFileSync(rulesFile, 'utf8').split('\n').filter((l) => l && !l.startsWith('#')).map((l) => {
    const [id, c, n, b, why] = l.split('\t');
    return { id, cas: new RegExp(c), node: n === '-' ? null : new RegExp(n), bx: b === '-' ? null : new RegExp(b), why, used: 0 };
}).filter((r) => r.cas.test(cas));
const problems = [];

function summary(v) {
    const m = v.length ? /^(\d+) passed, (\d+) failed$/.exec(v.at(-1)) : null;
    return m ? { p: +m[1], f: +m[2] } : null;
}

// Longest common subsequence alignment -> hunks of (ours-only, node-only) lines.
function hunks(a, b) {
    const n = a.length, m = b.length, L = Array.from({ length: n + 1 }, () => new Int32Array(m + 1));
    for (let i = n - 1; i >= 0; i--)
        for (let j = m - 1; j >= 0; j--)
            L[i][j] = a[i] === b[j] ? L[i + 1][j + 1] + 1 : Math.max(L[i + 1][j], L[i][j + 1]);
    const out = [];
    let i = 0, j = 0, cur = null;
    while (i < n || j < m) {
        if (i < n && j < m && a[i] === b[j]) { cur = null; i++; j++; continue; }
        if (!cur) { cur = { a: [], b: [] }; out.push(cur); }
        if (j < m && (i >= n || L[i][j + 1] >= L[i + 1][j])) cur.b.push(b[j++]);
        else cur.a.push(a[i++]);
    }
    return out;
}

// Explain one hunk: every Node line by a rule (paired with an ours line
// when the rule has one), then every ours line left must be explained too.
function explain(h) {
    const ours = [...h.a];
    for (const nl of h.b) {
        const r = rules.find((r) => {
            if (!r.node || !r.node.test(nl)) return false;
            if (!r.bx) return true;
            const k = ours.findIndex((ol) => {
                const m = r.bx.exec(ol);
                if (!m) return false;
                if (m.groups && m.groups.drop !== undefined)
                    return ol.slice(0, m.index + m[0].indexOf(m.groups.drop)) +
                           ol.slice(m.index + m[0].indexOf(m.groups.drop) + m.groups.drop.length) === nl;
                return true;
            });
            if (k < 0) return false;
            ours.splice(k, 1);
            return true;
        });
        if (r) r.used++;
        else problems.push(`node printed an unexplained line: ${JSON.stringify(nl)}`);
    }
    for (const ol of ours) {
        const r = rules.find((r) => !r.node && r.bx && r.bx.test(ol));
        if (r) r.used++;
        else problems.push(`ours printed a line node did not: ${JSON.stringify(ol)}`);
    }
}

if (kind === 'exact') {
    if (bxRc !== nodeRc) problems.push(`exit code: ours ${bxRc}, node ${nodeRc}`);
    if (bx.join('\n') !== nd.join('\n')) {
        const k = bx.findIndex((l, i) => l !== nd[i]);
        problems.push(`stdout differs at line ${k + 1}: ours ${JSON.stringify(bx[k])}, node ${JSON.stringify(nd[k])}`);
    }
} else if (kind === 'trace') {
    if (bxRc !== nodeRc) problems.push(`exit code: ours ${bxRc}, node ${nodeRc}`);
    for (const h of hunks(bx, nd)) explain(h);
} else if (kind === 'check') {
    const sb = summary(bx), sn = summary(nd);
    if (!sb || sb.f !== 0 || bxRc !== '0')
        problems.push(`ours did not pass its own checks (exit ${bxRc}): ${bx.filter((l) => l.startsWith('FAIL')).join(' / ') || bx.at(-1)}`);
    if (!sn) problems.push(`node printed no summary (exit ${nodeRc}): last line ${JSON.stringify(nd.at(-1))}`);
    const nf = nd.filter((l) => l.startsWith('FAIL '));
    if (sn && sn.f !== nf.length) problems.push(`node's summary counts ${sn.f} failures for ${nf.length} FAIL lines`);
    if (sn && nodeRc !== (sn.f ? '1' : '0')) problems.push(`node exit code ${nodeRc} with ${sn.f} failures`);
    // Everything but the summaries must line up, FAIL lines explained.
    for (const h of hunks(bx.slice(0, -1), nd.slice(0, -1))) explain(h);
} else {
    problems.push(`unknown kind ${kind}`);
}

for (const r of rules) if (r.used) console.log(`documented ${r.id} (${r.used} line${r.used > 1 ? 's' : ''}): ${r.why}`);
if (problems.length) { for (const p of problems) console.log(`FAIL ${cas}: ${p}`); process.exit(1); }
console.log(`ok ${cas}`);
