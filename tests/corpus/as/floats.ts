// Floats: AssemblyScript's own number formatting (dtoa), Math, f32 vs f64, special values.
const vals: f64[] = [0.1 + 0.2, 1.0 / 3.0, 1e21, 1e-7, 123456789.125, -0.0, 2.5, 5e-324, 1.7976931348623157e308];
for (let i = 0; i < vals.length; i++) console.log(vals[i].toString());
console.log(Math.sqrt(2.0).toString() + " " + Math.floor(-2.5).toString() + " " + Math.ceil(-2.5).toString() + " " + Math.round(2.5).toString() + " " + Math.trunc(-2.7).toString());
console.log(Math.abs(-3.5).toString() + " " + Math.min(-0.0, 0.0).toString() + " " + Math.max(3.0, NaN).toString() + " " + Math.sign(-7.0).toString());
const f: f32 = 1.0 / 3.0;
console.log(f.toString() + " " + (<f64>f).toString() + " " + (<f32>16777217).toString());
let sum: f64 = 0; for (let i = 1; i <= 1000; i++) sum += 1.0 / (<f64>i * <f64>i);
console.log("basel " + sum.toString());
console.log((1.0 / 0.0).toString() + " " + (-1.0 / 0.0).toString() + " " + isNaN(0.0 / 0.0).toString() + " " + isFinite(1e308 * 10).toString());
console.log((<i32>(-7.9)).toString() + " " + (<u32>3.9e9).toString() + " " + (<i64>1e18).toString() + " " + (<f64>u64.MAX_VALUE).toString());
console.log(reinterpret<u64>(Math.PI).toString(16) + " " + reinterpret<f32>(<u32>0x3f800000).toString());
