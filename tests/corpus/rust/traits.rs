// Dynamic dispatch (trait objects: indirect calls), closures in boxes, generics, recursion, iterators, Rc/RefCell.
use std::cell::RefCell;
use std::rc::Rc;
trait Animal { fn name(&self) -> String; fn sound(&self) -> &'static str; fn legs(&self) -> u32 { 4 } }
struct Dog(u32); struct Bird;
impl Animal for Dog { fn name(&self) -> String { format!("dog#{}", self.0) } fn sound(&self) -> &'static str { "woof" } }
impl Animal for Bird { fn name(&self) -> String { "bird".into() } fn sound(&self) -> &'static str { "tweet" } fn legs(&self) -> u32 { 2 } }
enum Expr { Num(f64), Add(Box<Expr>, Box<Expr>), Mul(Box<Expr>, Box<Expr>), Neg(Box<Expr>) }
fn eval(e: &Expr) -> f64 { match e { Expr::Num(n) => *n, Expr::Add(a, b) => eval(a) + eval(b), Expr::Mul(a, b) => eval(a) * eval(b), Expr::Neg(a) => -eval(a) } }
fn build(depth: u32) -> Expr { if depth == 0 { Expr::Num(depth as f64 + 1.5) } else if depth % 2 == 0 { Expr::Add(Box::new(build(depth - 1)), Box::new(Expr::Num(depth as f64))) } else { Expr::Mul(Box::new(build(depth - 1)), Box::new(Expr::Neg(Box::new(Expr::Num(0.5))))) } }
fn apply_all<T: Copy>(x: T, fs: &[Box<dyn Fn(T) -> T>]) -> T { fs.iter().fold(x, |acc, f| f(acc)) }
#[derive(Debug)] struct Node { val: i32, children: Vec<Rc<RefCell<Node>>> }
fn sum(n: &Rc<RefCell<Node>>) -> i32 { let b = n.borrow(); b.val + b.children.iter().map(sum).sum::<i32>() }
fn main() {
    let zoo: Vec<Box<dyn Animal>> = vec![Box::new(Dog(1)), Box::new(Bird), Box::new(Dog(7))];
    for a in &zoo { println!("{} says {} on {} legs", a.name(), a.sound(), a.legs()); }
    println!("legs total {}", zoo.iter().map(|a| a.legs()).sum::<u32>());
    println!("eval {}", eval(&build(12)));
    let k = 3;
    let fs: Vec<Box<dyn Fn(i64) -> i64>> = vec![Box::new(|x| x + 1), Box::new(move |x| x * k), Box::new(|x| x - 7), Box::new(|x| x * x)];
    println!("apply {}", apply_all(5i64, &fs));
    let root = Rc::new(RefCell::new(Node { val: 1, children: vec![] }));
    for i in 2..6 { let c = Rc::new(RefCell::new(Node { val: i, children: vec![] })); c.borrow_mut().children.push(Rc::new(RefCell::new(Node { val: i * 10, children: vec![] }))); root.borrow_mut().children.push(c); }
    root.borrow().children[0].borrow_mut().val += 100;
    println!("tree sum {} rc {}", sum(&root), Rc::strong_count(&root));
    let primes: Vec<u32> = (2..200).filter(|n| (2..*n).take_while(|d| d * d <= *n).all(|d| n % d != 0)).collect();
    println!("{} primes, last {:?}, windows max gap {}", primes.len(), primes.last(), primes.windows(2).map(|w| w[1] - w[0]).max().unwrap());
}
