// guest/js-execute/prelude.js — the JavaScript half of js-execute: console,
// a util.inspect-like formatter, timers, process, a read-only fs and
// require() for those.  main.c evaluates this file once and calls the
// function it yields with `bx` (its natives: write, classId, promiseState,
// readFile, stat, readdir, now, sleep, exit); the hooks object returned
// gives main.c the event loop's timer step and the result formatting.
//
// The layout rules follow Node's lib/internal/util/inspect.js (MIT) so an
// agent sees what it would see under node: quoting, line breaking at 80
// columns, the compact=3 grouping, numeric array columns, depth 2,
// circular markers.  Not reproduced: colors, showHidden, proxies shown as
// such, iterator previews, string widths of wide characters.
(function (bx) {
'use strict';
const cls = bx.classId;
const C = {
  array: cls([]), error: cls(new Error()), number: cls(new Number(0)),
  string: cls(new String('')), boolean: cls(new Boolean(false)),
  symbol: cls(Object(Symbol())), bigint: cls(Object(0n)),
  args: cls((function () { return arguments; })()),
  margs: cls(Function('return arguments')()),
  date: cls(new Date(0)), regexp: cls(/a/), map: cls(new Map()), set: cls(new Set()),
  weakmap: cls(new WeakMap()), weakset: cls(new WeakSet()),
  promise: cls(Promise.resolve()), arraybuffer: cls(new ArrayBuffer(0)),
  dataview: cls(new DataView(new ArrayBuffer(1))),
  genfn: cls(function* () {}), asyncfn: cls(async function () {}),
  asyncgenfn: cls(async function* () {}),
};
const typedArrayIds = new Set();
for (const T of [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array,
                 Int32Array, Uint32Array, Float32Array, Float64Array, BigInt64Array,
                 BigUint64Array]) typedArrayIds.add(cls(new T(0)));
const isTypedArray = (v) => typedArrayIds.has(cls(v));

const kObjectType = 0, kArrayType = 1, kArrayExtrasType = 2;
const keyStrRegExp = /^[a-zA-Z_][a-zA-Z_0-9]*$/;
const numberRegExp = /^(0|[1-9][0-9]*)$/;
const escRe = /[\x00-\x1f\x27\x5c\x7f-\x9f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const escReSingle = /[\x00-\x1f\x5c\x7f-\x9f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const meta = {8: '\\b', 9: '\\t', 10: '\\n', 12: '\\f', 13: '\\r', 39: "\\'", 92: '\\\\'};
function escapeFn(ch) {
  const c = ch.charCodeAt(0);
  if (meta[c]) return meta[c];
  if (c < 0x100) return '\\x' + c.toString(16).toUpperCase().padStart(2, '0');
  return '\\u' + c.toString(16);
}
function strEscape(str) {
  let re = escRe, q = "'";
  if (str.includes("'")) {
    if (!str.includes('"')) q = '"';
    else if (!str.includes('`') && !str.includes('${')) q = '`';
    if (q !== "'") re = escReSingle;
  }
  re.lastIndex = 0;
  return q + str.replace(re, escapeFn) + q;
}

function isInstanceof(o, f) { try { return o instanceof f; } catch { return false; } }
function getConstructorName(obj) {
  const tmp = obj;
  let first;
  while (obj) {
    const d = Object.getOwnPropertyDescriptor(obj, 'constructor');
    if (d !== undefined && typeof d.value === 'function' && d.value.name !== '' &&
        isInstanceof(tmp, d.value)) return String(d.value.name);
    obj = Object.getPrototypeOf(obj);
    if (first === undefined) first = obj;
  }
  if (first === null) return null;
  return 'Object';
}
function getPrefix(constructor, tag, fallback, size = '') {
  if (constructor === null) {
    if (tag !== '' && fallback !== tag) return `[${fallback}${size}: null prototype] [${tag}] `;
    return `[${fallback}${size}: null prototype] `;
  }
  if (tag !== '' && constructor !== tag) return `${constructor}${size} [${tag}] `;
  return `${constructor}${size} `;
}
function getKeys(v) {
  const keys = Object.keys(v);
  for (const s of Object.getOwnPropertySymbols(v))
    if (Object.prototype.propertyIsEnumerable.call(v, s)) keys.push(s);
  return keys;
}

function formatNumber(n) { return Object.is(n, -0) ? '-0' : `${n}`; }
function formatPrimitive(value, ctx) {
  switch (typeof value) {
  case 'string': {
    let trailer = '';
    if (value.length > ctx.maxStringLength) {
      const rem = value.length - ctx.maxStringLength;
      value = value.slice(0, ctx.maxStringLength);
      trailer = `... ${rem} more character${rem > 1 ? 's' : ''}`;
    }
    if (value.length > 16 && value.length > ctx.breakLength - ctx.indentationLvl - 4)
      return value.split(/(?<=\n)/).map(strEscape).join(` +\n${' '.repeat(ctx.indentationLvl + 2)}`) + trailer;
    return strEscape(value) + trailer;
  }
  case 'number': return formatNumber(value);
  case 'bigint': return `${value}n`;
  case 'boolean': return `${value}`;
  case 'undefined': return 'undefined';
  default: return value.toString();   // symbol
  }
}

function formatValue(ctx, value, recurseTimes, typedArray) {
  if (typeof value !== 'object' && typeof value !== 'function') return formatPrimitive(value, ctx);
  if (value === null) return 'null';
  const custom = value[inspect.custom];
  if (typeof custom === 'function' && custom !== inspect &&
      !(value.constructor && value.constructor.prototype === value)) {
    const ret = custom.call(value, ctx.depth - recurseTimes, { ...ctx }, inspect);
    if (ret !== value) {
      if (typeof ret !== 'string') return formatValue(ctx, ret, recurseTimes);
      return ret.replaceAll('\n', `\n${' '.repeat(ctx.indentationLvl)}`);
    }
  }
  if (ctx.seen.includes(value)) {
    let index = 1;
    if (ctx.circular === undefined) {
      ctx.circular = new Map([[value, index]]);
    } else {
      index = ctx.circular.get(value);
      if (index === undefined) { index = ctx.circular.size + 1; ctx.circular.set(value, index); }
    }
    return `[Circular *${index}]`;
  }
  return formatRaw(ctx, value, recurseTimes, typedArray);
}

function formatRaw(ctx, value, recurseTimes, typedArray) {
  let keys;
  const constructor = getConstructorName(value);
  const id = cls(value);
  let tag = value[Symbol.toStringTag];
  if (typeof tag !== 'string' || (tag !== '' && Object.prototype.propertyIsEnumerable.call(value, Symbol.toStringTag)))
    tag = '';
  let base = '', formatter = () => [], braces, noIterator = true, extrasType = kObjectType;

  if (Symbol.iterator in value || constructor === null) {
    noIterator = false;
    if (Array.isArray(value)) {
      const prefix = (constructor !== 'Array' || tag !== '') ? getPrefix(constructor, tag, 'Array', `(${value.length})`) : '';
      keys = Object.keys(value).filter((k) => !numberRegExp.test(k) || +k > 2 ** 32 - 2);
      for (const s of Object.getOwnPropertySymbols(value))
        if (Object.prototype.propertyIsEnumerable.call(value, s)) keys.push(s);
      braces = [`${prefix}[`, ']'];
      if (value.length === 0 && keys.length === 0) return `${braces[0]}]`;
      extrasType = kArrayExtrasType;
      formatter = formatArray;
    } else if (id === C.set) {
      const prefix = getPrefix(constructor, tag, 'Set', `(${value.size})`);
      keys = getKeys(value);
      formatter = formatSet;
      if (value.size === 0 && keys.length === 0) return `${prefix}{}`;
      braces = [`${prefix}{`, '}'];
    } else if (id === C.map) {
      const prefix = getPrefix(constructor, tag, 'Map', `(${value.size})`);
      keys = getKeys(value);
      formatter = formatMap;
      if (value.size === 0 && keys.length === 0) return `${prefix}{}`;
      braces = [`${prefix}{`, '}'];
    } else if (isTypedArray(value)) {
      keys = Object.keys(value).filter((k) => !numberRegExp.test(k));
      const size = value.length;
      const prefix = getPrefix(constructor, tag, '', `(${size})`);
      braces = [`${prefix}[`, ']'];
      if (size === 0 && keys.length === 0) return `${braces[0]}]`;
      formatter = formatTypedArray;
      extrasType = kArrayExtrasType;
    } else {
      noIterator = true;
    }
  }
  if (noIterator) {
    keys = getKeys(value);
    braces = ['{', '}'];
    if (typeof value === 'function') {
      base = getFunctionBase(value, constructor, tag, id);
      if (keys.length === 0) return base;
    } else if (constructor === 'Object' && id !== C.error && id !== C.date && id !== C.regexp &&
               id !== C.promise && id !== C.arraybuffer) {
      if (id === C.args || id === C.margs) braces[0] = '[Arguments] {';
      else if (tag !== '') braces[0] = `${getPrefix(constructor, tag, 'Object')}{`;
      if (keys.length === 0) return `${braces[0]}}`;
    } else if (id === C.regexp) {
      base = RegExp.prototype.toString.call(value);
      const prefix = getPrefix(constructor, tag, 'RegExp');
      if (prefix !== 'RegExp ') base = `${prefix}${base}`;
      if (keys.length === 0 || recurseTimes > ctx.depth) return base;
    } else if (id === C.date) {
      const t = Date.prototype.getTime.call(value);
      base = Number.isNaN(t) ? 'Invalid Date' : Date.prototype.toISOString.call(value);
      const prefix = getPrefix(constructor, tag, 'Date');
      if (prefix !== 'Date ') base = `${prefix}${base}`;
      if (keys.length === 0) return base;
    } else if (id === C.error) {
      base = formatError(value, constructor, tag, ctx, keys);
      if (keys.length === 0) return base;
    } else if (id === C.arraybuffer) {
      const prefix = getPrefix(constructor, tag, 'ArrayBuffer');
      if (typedArray === undefined) formatter = formatArrayBuffer;
      else if (keys.length === 0) return prefix + `{ byteLength: ${formatNumber(value.byteLength)} }`;
      braces[0] = `${prefix}{`;
      keys.unshift('byteLength');
    } else if (id === C.dataview) {
      braces[0] = `${getPrefix(constructor, tag, 'DataView')}{`;
      keys.unshift('byteLength', 'byteOffset', 'buffer');
    } else if (id === C.promise) {
      braces[0] = `${getPrefix(constructor, tag, 'Promise')}{`;
      formatter = formatPromise;
    } else if (id === C.weakset || id === C.weakmap) {
      braces[0] = `${getPrefix(constructor, tag, id === C.weakset ? 'WeakSet' : 'WeakMap')}{`;
      formatter = () => ['<items unknown>'];
    } else if (id === C.number || id === C.string || id === C.boolean || id === C.bigint || id === C.symbol) {
      base = getBoxedBase(value, ctx, keys, constructor, tag, id);
      if (keys.length === 0) return base;
    } else {
      if (keys.length === 0) return `${getCtxStyle(value, constructor, tag)}{}`;
      braces[0] = `${getCtxStyle(value, constructor, tag)}{`;
    }
  }

  if (recurseTimes > ctx.depth) {
    let name = getCtxStyle(value, constructor, tag).slice(0, -1);
    if (constructor !== null) name = `[${name}]`;
    return name;
  }
  recurseTimes += 1;
  ctx.seen.push(value);
  ctx.currentDepth = recurseTimes;
  let output;
  const indentationLvl = ctx.indentationLvl;
  try {
    output = formatter(ctx, value, recurseTimes);
    for (let i = 0; i < keys.length; i++)
      output.push(formatProperty(ctx, value, recurseTimes, keys[i], extrasType));
  } catch (err) {
    if (!(err instanceof RangeError || (err instanceof InternalError && /stack/.test(err.message)))) throw err;
    ctx.seen.pop();
    ctx.indentationLvl = indentationLvl;
    return `[${getCtxStyle(value, constructor, tag).slice(0, -1)}: Inspection interrupted prematurely. Maximum call stack size exceeded.]`;
  }
  if (ctx.circular !== undefined) {
    const index = ctx.circular.get(value);
    if (index !== undefined) {
      const ref = `<ref *${index}>`;
      base = base === '' ? ref : `${ref} ${base}`;
    }
  }
  ctx.seen.pop();
  return reduceToSingleString(ctx, output, base, braces, extrasType, recurseTimes, value);
}

function getCtxStyle(value, constructor, tag) {
  let fallback = '';
  if (constructor === null) {
    fallback = 'Object';
  }
  return getPrefix(constructor, tag, fallback);
}

function getBoxedBase(value, ctx, keys, constructor, tag, id) {
  let type, prim;
  if (id === C.number) { type = 'Number'; prim = Number.prototype.valueOf.call(value); }
  else if (id === C.string) { type = 'String'; prim = String.prototype.valueOf.call(value); keys.splice(0, prim.length); }
  else if (id === C.boolean) { type = 'Boolean'; prim = Boolean.prototype.valueOf.call(value); }
  else if (id === C.bigint) { type = 'BigInt'; prim = BigInt.prototype.valueOf.call(value); }
  else { type = 'Symbol'; prim = Symbol.prototype.valueOf.call(value); }
  let base = `[${type}`;
  if (type !== constructor) base += constructor === null ? ' (null prototype)' : ` (${constructor})`;
  base += `: ${formatPrimitive(prim, { ...ctx, breakLength: Infinity })}]`;
  if (tag !== '' && tag !== constructor) base += ` [${tag}]`;
  return base;
}

function getFunctionBase(value, constructor, tag, id) {
  const src = Function.prototype.toString.call(value);
  if (src.startsWith('class') && src.endsWith('}')) {
    const hasName = Object.prototype.hasOwnProperty.call(value, 'name');
    const name = (hasName && value.name) || '(anonymous)';
    let b = `class ${name}`;
    if (constructor !== 'Function' && constructor !== null) b += ` [${constructor}]`;
    if (tag !== '' && constructor !== tag) b += ` [${tag}]`;
    if (constructor !== null) {
      const superName = Object.getPrototypeOf(value).name;
      if (superName) b += ` extends ${superName}`;
    } else {
      b += ' extends [null prototype]';
    }
    return `[${b}]`;
  }
  let type = 'Function';
  if (id === C.genfn || id === C.asyncgenfn) type = `Generator${type}`;
  if (id === C.asyncfn || id === C.asyncgenfn) type = `Async${type}`;
  let b = `[${type}`;
  if (constructor === null) b += ' (null prototype)';
  b += value.name === '' ? ' (anonymous)' : `: ${value.name}`;
  b += ']';
  if (constructor !== type && constructor !== null) b += ` ${constructor}`;
  if (tag !== '' && constructor !== tag) b += ` [${tag}]`;
  return b;
}

// QuickJS keeps only the frames in error.stack; V8's stack starts with the
// "Name: message" line, which is what Node prints.
function errorStack(err) {
  let frames = '';
  try { frames = typeof err.stack === 'string' ? err.stack : ''; } catch {}
  let head;
  try { head = Error.prototype.toString.call(err); } catch { head = 'Error'; }
  frames = frames.replace(/\n+$/, '');
  if (frames.startsWith(head)) return frames;   // a stack set by the program
  // QuickJS records every frame; keep V8's default of ten.
  const lines = frames ? frames.split('\n') : [];
  if (lines.length > 10) frames = lines.slice(0, 10).join('\n') + `\n    ... ${lines.length - 10} more frames`;
  return frames ? `${head}\n${frames}` : head;
}

function formatError(err, constructor, tag, ctx, keys) {
  const name = err.name != null ? String(err.name) : 'Error';
  let stack = errorStack(err);
  for (const k of ['name', 'message', 'stack']) {
    const i = keys.indexOf(k);
    if (i !== -1 && stack.includes(err[k])) keys.splice(i, 1);
  }
  if ('cause' in err && !keys.includes('cause')) keys.push('cause');
  if (Array.isArray(err.errors) && !keys.includes('errors')) keys.push('errors');
  // improveStack: name the class when it differs from err.name.
  let len = name.length;
  if (constructor === null || (name.endsWith('Error') && stack.startsWith(name) &&
      (stack.length === len || stack[len] === ':' || stack[len] === '\n'))) {
    let fallback = 'Error';
    if (constructor === null) {
      const start = /^([A-Z][a-z_ A-Z0-9[\]()-]+)(?::|\n {4}at)/.exec(stack) || /^([a-z_A-Z0-9-]*Error)$/.exec(stack);
      fallback = (start && start[1]) || '';
      len = fallback.length;
      fallback = fallback || 'Error';
    }
    const prefix = getPrefix(constructor, tag, fallback).slice(0, -1);
    if (name !== prefix) {
      if (prefix.includes(name)) stack = len === 0 ? `${prefix}: ${stack}` : `${prefix}${stack.slice(len)}`;
      else stack = `${prefix} [${name}]${stack.slice(len)}`;
    }
  }
  let pos = (err.message && stack.indexOf(err.message)) || -1;
  if (pos !== -1) pos += err.message.length;
  const stackStart = stack.indexOf('\n    at', pos);
  if (stackStart === -1) stack = `[${stack}]`;
  if (ctx.indentationLvl !== 0) stack = stack.replaceAll('\n', `\n${' '.repeat(ctx.indentationLvl)}`);
  return stack;
}

function formatArrayBuffer(ctx, value) {
  const bytes = new Uint8Array(value);
  const n = Math.min(ctx.maxArrayLength, bytes.length);
  let hex = [];
  for (let i = 0; i < n; i++) hex.push(bytes[i].toString(16).padStart(2, '0'));
  let str = hex.join(' ');
  const rem = bytes.length - ctx.maxArrayLength;
  if (rem > 0) str += ` ... ${rem} more byte${rem > 1 ? 's' : ''}`;
  return [`[Uint8Contents]: <${str}>`];
}

const remainingText = (n) => `... ${n} more item${n > 1 ? 's' : ''}`;

function formatSpecialArray(ctx, value, recurseTimes, maxLength, output, i) {
  const keys = Object.keys(value);
  let index = i;
  for (; i < keys.length && output.length < maxLength; i++) {
    const key = keys[i];
    const tmp = +key;
    if (tmp > 2 ** 32 - 2) break;
    if (`${index}` !== key) {
      if (!numberRegExp.test(key)) break;
      const empty = tmp - index;
      output.push(`<${empty} empty item${empty > 1 ? 's' : ''}>`);
      index = tmp;
      if (output.length === maxLength) break;
    }
    output.push(formatProperty(ctx, value, recurseTimes, key, kArrayType));
    index++;
  }
  const rem = value.length - index;
  if (output.length !== maxLength) {
    if (rem > 0) output.push(`<${rem} empty item${rem > 1 ? 's' : ''}>`);
  } else if (rem > 0) {
    output.push(remainingText(rem));
  }
  return output;
}

function formatArray(ctx, value, recurseTimes) {
  const len = Math.min(Math.max(0, ctx.maxArrayLength), value.length);
  const rem = value.length - len;
  const output = [];
  for (let i = 0; i < len; i++) {
    if (!Object.prototype.hasOwnProperty.call(value, i))
      return formatSpecialArray(ctx, value, recurseTimes, len, output, i);
    output.push(formatProperty(ctx, value, recurseTimes, i, kArrayType));
  }
  if (rem > 0) output.push(remainingText(rem));
  return output;
}

function formatTypedArray(ctx, value) {
  const max = Math.min(Math.max(0, ctx.maxArrayLength), value.length);
  const output = [];
  for (let i = 0; i < max; i++)
    output.push(typeof value[i] === 'bigint' ? `${value[i]}n` : formatNumber(value[i]));
  if (value.length > max) output.push(remainingText(value.length - max));
  return output;
}

function formatSet(ctx, value, recurseTimes) {
  const max = Math.min(Math.max(0, ctx.maxArrayLength), value.size);
  const output = [];
  ctx.indentationLvl += 2;
  let i = 0;
  for (const v of value) { if (i++ >= max) break; output.push(formatValue(ctx, v, recurseTimes)); }
  if (value.size > max) output.push(remainingText(value.size - max));
  ctx.indentationLvl -= 2;
  return output;
}

function formatMap(ctx, value, recurseTimes) {
  const max = Math.min(Math.max(0, ctx.maxArrayLength), value.size);
  const output = [];
  ctx.indentationLvl += 2;
  let i = 0;
  for (const [k, v] of value) {
    if (i++ >= max) break;
    output.push(`${formatValue(ctx, k, recurseTimes)} => ${formatValue(ctx, v, recurseTimes)}`);
  }
  if (value.size > max) output.push(remainingText(value.size - max));
  ctx.indentationLvl -= 2;
  return output;
}

function formatPromise(ctx, value, recurseTimes) {
  const [state, result] = bx.promiseState(value);
  if (state === 0) return ['<pending>'];
  ctx.indentationLvl += 2;
  const str = formatValue(ctx, result, recurseTimes);
  ctx.indentationLvl -= 2;
  return [state === 2 ? `<rejected> ${str}` : str];
}

function formatProperty(ctx, value, recurseTimes, key, type) {
  let name, str;
  const desc = Object.getOwnPropertyDescriptor(value, key) || { value: value[key], enumerable: true };
  if (desc.value !== undefined) {
    ctx.indentationLvl += 2;
    str = formatValue(ctx, desc.value, recurseTimes);
    ctx.indentationLvl -= 2;
  } else if (desc.get !== undefined) {
    str = desc.set !== undefined ? '[Getter/Setter]' : '[Getter]';
  } else if (desc.set !== undefined) {
    str = '[Setter]';
  } else {
    str = 'undefined';
  }
  if (type === kArrayType) return str;
  if (typeof key === 'symbol') {
    name = `[${key.toString().replace(escRe, escapeFn)}]`;
  } else if (key === '__proto__') {
    name = "['__proto__']";
  } else if (desc.enumerable === false) {
    name = `[${key.replace(escRe, escapeFn)}]`;
  } else if (keyStrRegExp.test(key)) {
    name = key;
  } else {
    name = strEscape(key);
  }
  return `${name}: ${str}`;
}

function groupArrayElements(ctx, output, value) {
  let totalLength = 0, maxLength = 0, i = 0;
  let outputLength = output.length;
  if (ctx.maxArrayLength < output.length) outputLength--;
  const sep = 2;
  const dataLen = new Array(outputLength);
  for (; i < outputLength; i++) {
    const len = output[i].length;
    dataLen[i] = len;
    totalLength += len + sep;
    if (maxLength < len) maxLength = len;
  }
  const actualMax = maxLength + sep;
  if (actualMax * 3 + ctx.indentationLvl < ctx.breakLength &&
      (totalLength / actualMax > 5 || maxLength <= 6)) {
    const averageBias = Math.sqrt(actualMax - totalLength / output.length);
    const biasedMax = Math.max(actualMax - 3 - averageBias, 1);
    const columns = Math.min(
      Math.round(Math.sqrt(2.5 * biasedMax * outputLength) / biasedMax),
      Math.floor((ctx.breakLength - ctx.indentationLvl) / actualMax),
      ctx.compact * 4, 15);
    if (columns <= 1) return output;
    const tmp = [], maxLineLength = [];
    for (let i = 0; i < columns; i++) {
      let lineLength = 0;
      for (let j = i; j < output.length; j += columns) if (dataLen[j] > lineLength) lineLength = dataLen[j];
      maxLineLength.push(lineLength + sep);
    }
    let padStart = true;
    if (value !== undefined) {
      for (let i = 0; i < output.length; i++) {
        if (typeof value[i] !== 'number' && typeof value[i] !== 'bigint') { padStart = false; break; }
      }
    }
    for (let i = 0; i < outputLength; i += columns) {
      const max = Math.min(i + columns, outputLength);
      let str = '', j = i;
      for (; j < max - 1; j++) {
        const cell = `${output[j]}, `;
        str += padStart ? cell.padStart(maxLineLength[j - i], ' ') : cell.padEnd(maxLineLength[j - i], ' ');
      }
      str += padStart ? output[j].padStart(maxLineLength[j - i] - sep, ' ') : output[j];
      tmp.push(str);
    }
    if (ctx.maxArrayLength < output.length) tmp.push(output[outputLength]);
    output = tmp;
  }
  return output;
}

function isBelowBreakLength(ctx, output, start, base) {
  let total = output.length + start;
  if (total + output.length > ctx.breakLength) return false;
  for (let i = 0; i < output.length; i++) {
    total += output[i].length;
    if (total > ctx.breakLength) return false;
  }
  return base === '' || !base.includes('\n');
}

function reduceToSingleString(ctx, output, base, braces, extrasType, recurseTimes, value) {
  const entries = output.length;
  if (extrasType === kArrayExtrasType && entries > 6) output = groupArrayElements(ctx, output, value);
  if (ctx.currentDepth - recurseTimes < ctx.compact && entries === output.length) {
    const start = output.length + ctx.indentationLvl + braces[0].length + base.length + 10;
    if (isBelowBreakLength(ctx, output, start, base)) {
      const joined = output.join(', ');
      if (!joined.includes('\n')) return `${base ? `${base} ` : ''}${braces[0]} ${joined} ${braces[1]}`;
    }
  }
  const ind = `\n${' '.repeat(ctx.indentationLvl)}`;
  return `${base ? `${base} ` : ''}${braces[0]}${ind}  ${output.join(`,${ind}  `)}${ind}${braces[1]}`;
}

const defaults = { depth: 2, maxArrayLength: 100, maxStringLength: 10000, breakLength: 80, compact: 3 };
function inspect(value, opts) {
  const ctx = { ...defaults, seen: [], indentationLvl: 0, currentDepth: 0, circular: undefined };
  if (opts && typeof opts === 'object') {
    for (const k of Object.keys(defaults)) if (opts[k] !== undefined) ctx[k] = opts[k] === null ? Infinity : opts[k];
  }
  return formatValue(ctx, value, 0);
}
inspect.custom = Symbol.for('nodejs.util.inspect.custom');
inspect.defaultOptions = defaults;

function hasBuiltInToString(v) {
  const ts = v.toString;
  return typeof ts !== 'function' || ts === Object.prototype.toString || ts === Error.prototype.toString ||
    ts === Array.prototype.toString || ts === Date.prototype.toString || ts === RegExp.prototype.toString;
}

function format(...args) {
  const first = args[0];
  let a = 0, str = '', join = '';
  if (typeof first === 'string') {
    if (args.length === 1) return first;
    let lastPos = 0, tempStr;
    for (let i = 0; i < first.length - 1; i++) {
      if (first.charCodeAt(i) !== 37) continue;
      const next = first.charCodeAt(++i);
      if (a + 1 !== args.length) {
        switch (next) {
        case 115: { // s
          const t = args[++a];
          if (typeof t === 'number') tempStr = formatNumber(t);
          else if (typeof t === 'bigint') tempStr = `${t}n`;
          else if (typeof t !== 'object' || t === null || !hasBuiltInToString(t)) tempStr = String(t);
          else tempStr = inspect(t, { depth: 0 });
          break;
        }
        case 106: { // j
          try { tempStr = JSON.stringify(args[++a]); } catch (e) {
            if (e instanceof TypeError && /circular/i.test(e.message)) tempStr = '[Circular]'; else throw e;
          }
          break;
        }
        case 100: { const t = args[++a]; tempStr = typeof t === 'bigint' ? `${t}n` : typeof t === 'symbol' ? 'NaN' : formatNumber(Number(t)); break; }
        case 79: tempStr = inspect(args[++a]); break;
        case 111: tempStr = inspect(args[++a], { depth: 4 }); break;
        case 105: { const t = args[++a]; tempStr = typeof t === 'bigint' ? `${t}n` : typeof t === 'symbol' ? 'NaN' : formatNumber(parseInt(t)); break; }
        case 102: { const t = args[++a]; tempStr = typeof t === 'symbol' ? 'NaN' : formatNumber(parseFloat(t)); break; }
        case 99: a += 1; tempStr = ''; break;
        case 37: str += first.slice(lastPos, i); lastPos = i + 1; continue;
        default: continue;
        }
        if (lastPos !== i - 1) str += first.slice(lastPos, i - 1);
        str += tempStr;
        lastPos = i + 1;
      } else if (next === 37) {
        str += first.slice(lastPos, i);
        lastPos = i + 1;
      }
    }
    if (lastPos !== 0) {
      a++;
      join = ' ';
      if (lastPos < first.length) str += first.slice(lastPos);
    }
  }
  while (a < args.length) {
    const v = args[a];
    str += join + (typeof v !== 'string' ? inspect(v) : v);
    join = ' ';
    a++;
  }
  return str;
}

// ---- console ---------------------------------------------------------------
let groupIndent = '';
function print(text) {
  if (groupIndent) text = groupIndent + text.replaceAll('\n', `\n${groupIndent}`);
  bx.write(text + '\n');
}
const counts = new Map(), timersByLabel = new Map();
const log = (...args) => print(format(...args));
const console = {
  log, info: log, debug: log, warn: log, error: log,
  trace(...args) {
    const frames = (new Error().stack || '').replace(/^.*\n/, '').replace(/\n+$/, '');
    print(`Trace${args.length ? ': ' + format(...args) : ''}${frames ? '\n' + frames : ''}`);
  },
  dir(v, opts) { print(inspect(v, opts)); },
  assert(ok, ...args) {
    if (ok) return;
    if (typeof args[0] === 'string') args[0] = `Assertion failed: ${args[0]}`;
    else args.unshift('Assertion failed');
    print(format(...args));
  },
  count(label = 'default') {
    label = `${label}`;
    const n = (counts.get(label) || 0) + 1;
    counts.set(label, n);
    print(`${label}: ${n}`);
  },
  countReset(label = 'default') { counts.delete(`${label}`); },
  time(label = 'default') { timersByLabel.set(`${label}`, bx.now()); },
  timeLog(label = 'default', ...args) {
    const t = timersByLabel.get(`${label}`);
    if (t === undefined) return print(`Warning: No such label '${label}' for console.timeLog()`);
    print([`${label}: ${(bx.now() - t).toFixed(3)}ms`, ...args.map((x) => typeof x === 'string' ? x : inspect(x))].join(' '));
  },
  timeEnd(label = 'default') {
    const t = timersByLabel.get(`${label}`);
    if (t === undefined) return print(`Warning: No such label '${label}' for console.timeEnd()`);
    timersByLabel.delete(`${label}`);
    print(`${label}: ${(bx.now() - t).toFixed(3)}ms`);
  },
  group(...args) { if (args.length) log(...args); groupIndent += '  '; },
  groupEnd() { groupIndent = groupIndent.slice(2); },
  table(...args) { log(...args); },
};
console.groupCollapsed = console.group;

// ---- timers --------------------------------------------------------------------
// One queue ordered by due time, then creation; main.c runs the earliest
// whenever no promise job is left, sleeping until it is due.
const timers = new Map();
let timerSeq = 1;
function addTimer(fn, ms, args, repeat) {
  if (typeof fn !== 'function') throw new TypeError('The "callback" argument must be of type function');
  ms = Number(ms);
  if (!(ms >= 1 && ms <= 2147483647)) ms = 1;
  const id = timerSeq++;
  timers.set(id, { fn, args, ms, at: bx.now() + ms, repeat, seq: id });
  return id;
}
function clearTimer(id) { timers.delete(typeof id === 'object' && id !== null ? +id : id); }
function runTimer() {
  let next;
  for (const [id, t] of timers) {
    if (!next || t.at < next[1].at || (t.at === next[1].at && t.seq < next[1].seq)) next = [id, t];
  }
  if (!next) return false;
  const [id, t] = next;
  const wait = t.at - bx.now();
  if (wait > 0) bx.sleep(wait);
  if (t.repeat) { t.at = Math.max(t.at + t.ms, bx.now()); t.seq = timerSeq++; } else timers.delete(id);
  t.fn(...t.args);
  return true;
}

// ---- fs (read-only, through the sandbox's grants) ------------------------------
function encodingOf(opts) { return typeof opts === 'string' ? opts : opts && opts.encoding; }
function toBytes(buf) { return new Uint8Array(buf); }
const fs = {
  readFileSync(path, opts) {
    const enc = encodingOf(opts);
    if (enc && !/^utf-?8$/i.test(enc)) throw new TypeError(`js-execute's fs reads text as utf8 only, not ${enc}`);
    return enc ? bx.readFile(`${path}`, true) : toBytes(bx.readFile(`${path}`, false));
  },
  existsSync(path) { try { return bx.stat(`${path}`) !== null; } catch { return false; } },
  readdirSync(path) { return bx.readdir(`${path}`).sort(); },
  statSync(path) {
    const s = bx.stat(`${path}`);
    if (s === null) {
      const e = new Error(`ENOENT: no such file or directory, stat '${path}'`);
      e.code = 'ENOENT';
      throw e;
    }
    return { size: s.size, mtimeMs: s.mtimeMs, isFile: () => s.isFile, isDirectory: () => s.isDirectory };
  },
};
const readOnly = (name) => () => { throw new Error(`fs.${name} is not available: js-execute can only read files`); };
for (const n of ['writeFileSync', 'appendFileSync', 'mkdirSync', 'rmSync', 'unlinkSync', 'renameSync'])
  fs[n] = readOnly(n);
fs.promises = {
  readFile: async (p, o) => fs.readFileSync(p, o),
  readdir: async (p) => fs.readdirSync(p),
  stat: async (p) => fs.statSync(p),
};
const util = { inspect, format };
function require(name) {
  switch (`${name}`.replace(/^node:/, '')) {
  case 'fs': return fs;
  case 'fs/promises': return fs.promises;
  case 'util': return util;
  default: {
    const e = new Error(`Cannot find module '${name}': js-execute offers only 'fs' (read-only) and 'util'`);
    e.code = 'MODULE_NOT_FOUND';
    throw e;
  }
  }
}

const process = {
  argv: ['js-execute'], env: {}, platform: 'wasi', version: 'v0.0.0-quickjs',
  exitCode: undefined,
  exit(code) { bx.exit(code === undefined ? (process.exitCode || 0) : code); },
  cwd: () => '/workspace',
  nextTick(fn, ...args) { Promise.resolve().then(() => fn(...args)); },
  hrtime: Object.assign((prev) => {
    const t = bx.now(), s = Math.floor(t / 1e3), ns = Math.floor((t - s * 1e3) * 1e6);
    return prev ? [s - prev[0] - (ns < prev[1] ? 1 : 0), (ns - prev[1] + 1e9) % 1e9] : [s, ns];
  }, { bigint: () => BigInt(Math.floor(bx.now() * 1e6)) }),
  stdout: { write(s) { bx.write(`${s}`); return true; } },
  stderr: { write(s) { bx.write(`${s}`); return true; } },
  memoryUsage: () => ({ rss: 0, heapTotal: 0, heapUsed: 0, external: 0 }),
};

const define = (name, value) => Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });
define('console', console);
define('setTimeout', (fn, ms, ...args) => addTimer(fn, ms, args, false));
define('setInterval', (fn, ms, ...args) => addTimer(fn, ms, args, true));
define('setImmediate', (fn, ...args) => addTimer(fn, 0, args, false));
define('clearTimeout', clearTimer);
define('clearInterval', clearTimer);
define('clearImmediate', clearTimer);
define('queueMicrotask', (fn) => { Promise.resolve().then(() => fn()); });
define('require', require);
define('process', process);
define('performance', { now: () => bx.now() - startMs, timeOrigin: Date.now() });
const startMs = bx.now();

return {
  runTimer,
  printResult(v) { print(format(v)); },
  formatUncaught(e, prefix) {
    if (cls(e) === C.error) return prefix + inspect(e, { depth: 2 });
    return `${prefix || 'Uncaught '}${inspect(e)}`;
  },
};
})
