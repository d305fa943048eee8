// Collections: Vec, HashMap (sorted for output), BTreeMap, HashSet, VecDeque, BinaryHeap, sort_by_key.
use std::collections::{BTreeMap, BinaryHeap, HashMap, HashSet, VecDeque};
fn main() {
    let mut v: Vec<u64> = (1..=50).map(|i| (i * i * 7919) % 1009).collect();
    v.sort_unstable();
    v.dedup();
    println!("vec len {} first {:?} last {:?}", v.len(), &v[..5], v.last());
    let text = "one two three two three three four four four four";
    let mut hm: HashMap<&str, usize> = HashMap::new();
    for w in text.split_whitespace() { *hm.entry(w).or_insert(0) += 1; }
    let mut counts: Vec<_> = hm.into_iter().collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    println!("counts {:?}", counts);
    let mut bt = BTreeMap::new();
    for i in 0..20u32 { bt.insert(i.wrapping_mul(2654435761) % 97, i); }
    let r: Vec<_> = bt.range(10..40).map(|(k, v)| format!("{}:{}", k, v)).collect();
    println!("btree {} range {}", bt.len(), r.join(","));
    let hs: HashSet<u32> = (0..100).filter(|x| x % 3 == 0).collect();
    let hs2: HashSet<u32> = (0..100).filter(|x| x % 5 == 0).collect();
    let mut inter: Vec<_> = hs.intersection(&hs2).copied().collect();
    inter.sort();
    println!("intersection {:?}", inter);
    let mut dq: VecDeque<i32> = VecDeque::new();
    for i in 0..10 { if i % 2 == 0 { dq.push_back(i) } else { dq.push_front(i) } }
    dq.rotate_left(3);
    println!("deque {:?}", dq);
    let mut heap: BinaryHeap<(u32, &str)> = BinaryHeap::new();
    for (p, n) in [(3, "c"), (9, "i"), (1, "a"), (7, "g")] { heap.push((p, n)); }
    let order: Vec<_> = std::iter::from_fn(|| heap.pop()).map(|x| x.1).collect();
    println!("heap order {}", order.concat());
    let mut people = vec![("ann", 31), ("bob", 25), ("cy", 31), ("dee", 19)];
    people.sort_by_key(|p| (std::cmp::Reverse(p.1), p.0));
    println!("{:?}", people);
}
