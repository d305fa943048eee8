// AssemblyScript strings (UTF-16 inside, UTF-8 out through WASI): concat, split, replace, case, search, template-ish building.
const s = "The quick brown fox jumps over the lazy dog";
const words = s.split(" ");
console.log("words " + words.length.toString() + " first " + words[0] + " last " + words[words.length - 1]);
console.log(s.toUpperCase());
console.log(s.replaceAll("o", "0").replace("quick", "slow"));
console.log("index of fox " + s.indexOf("fox").toString() + ", lastIndexOf o " + s.lastIndexOf("o").toString());
let rev = "";
for (let i = s.length - 1; i >= 0; i--) rev += s.charAt(i);
console.log(rev);
console.log("Grüße 🦀 " + "Grüße 🦀".length.toString() + " " + String.UTF8.byteLength("Grüße 🦀").toString());
let joined = words.map<string>((w: string): string => w.length.toString()).join(",");
console.log(joined);
console.log("padded [" + "7".padStart(4, "0") + "] [" + "ab".padEnd(5, "-") + "] " + "  trim  ".trim() + "|" + "x".repeat(5));
console.log(parseInt("ff", 16).toString() + " " + parseFloat("2.5e3").toString() + " " + I32.parseInt("-42").toString());
