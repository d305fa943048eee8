// Promise jobs, async functions, generators and timers: the order of output.
const log = [];
console.log('sync start');
setTimeout(() => console.log('timeout 400'), 400);
setTimeout(() => console.log('timeout 0'), 0);
setTimeout((a, b) => console.log('timeout args', a, b), 5, 'x', 'y');
Promise.resolve().then(() => console.log('micro 1')).then(() => console.log('micro 3'));
queueMicrotask(() => console.log('micro 2'));
(async () => {
  console.log('async body');
  await null;
  console.log('after await');
  const v = await new Promise((r) => setTimeout(() => r('resolved later'), 10));
  console.log(v);
  const all = await Promise.all([1, Promise.resolve(2), new Promise((r) => setTimeout(r, 1, 3))]);
  console.log('all', all.join());
  const settled = await Promise.allSettled([Promise.reject(new Error('no')), 5]);
  console.log(settled.map((s) => s.status + ':' + (s.value ?? s.reason.message)).join(' '));
  console.log('race', await Promise.race([new Promise((r) => setTimeout(r, 300, 'slow')), new Promise((r) => setTimeout(r, 2, 'fast'))]));
  console.log('any', await Promise.any([Promise.reject(1), Promise.resolve('ok')]));
  try { await Promise.any([Promise.reject(1)]); } catch (e) { console.log(e.constructor.name, e.errors.join()); }
  async function* gen() { for (let i = 0; i < 3; i++) { await null; yield i; } }
  const got = []; for await (const x of gen()) got.push(x);
  console.log('for await', got.join());
  let ticks = 0;
  await new Promise((done) => { const id = setInterval(() => { if (++ticks === 3) { clearInterval(id); done(); } }, 1); });
  console.log('interval ticks', ticks);
  const cancelled = setTimeout(() => console.log('never'), 1); clearTimeout(cancelled);
  try { await Promise.reject(new TypeError('caught rejection')); } catch (e) { console.log(e.name, e.message); }
})();
console.log('sync end');
