// tools.js — the implementation of tools.wit (t_wave.sh computes the
// expected results by hand from this source).
class Counter {
    constructor(start) { this.n = start; }
    inc(by) { this.n += by; return this.n; }
    get() { return this.n; }
}

export const api = {
    summarize(files, limit) {
        const shown = limit === null ? files : files.slice(0, limit);
        return shown.map(f => `${f.name}:${f.size}`).join(",") + ` (${files.length} files)`;
    },
    totalSize(files) { return files.reduce((a, f) => a + f.size, 0); },
    area(s) {
        switch (s.tag) {
        case "circle": return 3 * s.val * s.val;
        case "rect": return s.val[0] * s.val[1];
        default: return 0;
        }
    },
    parseLevel(s) {
        if (s === "low" || s === "mid" || s === "high") return s;
        throw `unknown level: ${s}`;
    },
    split(s, sep) { return s.split(sep); },
    firstLong(words, min) {
        const w = words.find(x => x.length >= min);
        return w === undefined ? null : w;
    },
    describe(p) {
        return ["read", "write", "exec"].filter(k => p[k]).join("+") || "none";
    },
    makeInfo(name, size) { return { name, size, tags: [name.toUpperCase(), "n" + size] }; },
    biggest(files) {
        if (files.length === 0) return null;
        return files.reduce((a, f) => (f.size > a.size ? f : a));
    },
    classify(n) {
        if (n < 0) return { tag: "empty" };
        if (n % 2 === 0) return { tag: "circle", val: n / 2 };
        return { tag: "rect", val: [n, 0.5] };
    },
    echoBytes(b) { return Array.from(b).reverse(); },
    countUp(start, steps) {
        const c = new Counter(start);
        for (const s of steps) c.inc(s);
        return c.get();
    },
    Counter,
};

export function hello(name) { return `Hello, ${name}!`; }
