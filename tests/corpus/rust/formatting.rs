// Formatting: width, precision, alignment, radix, Debug/Display impls, floats.
use std::fmt;
struct Point { x: f64, y: f64 }
impl fmt::Display for Point {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result { write!(f, "({:.2}, {:.2})", self.x, self.y) }
}
#[derive(Debug, Clone, PartialEq)]
enum Shape { Circle { r: f64 }, Rect(f64, f64), Empty }
fn main() {
    println!("[{:>8}] [{:<8}] [{:^8}] [{:*^9}]", "right", "left", "mid", "star");
    println!("{:08.3} {:+} {:e} {:x} {:#X} {:#o} {:#b}", 3.14159, 42, 1234.5, 255, 255, 8, 5u8);
    println!("{} {} {}", f64::MAX, f64::MIN_POSITIVE, 1e-7);
    println!("{} {} {} {}", 0.1 + 0.2, 1.0f32 / 3.0, 100000000.0f64, -0.0f64);
    println!("{:?} {:?} {:?}", f64::NAN, f64::INFINITY, 1.5e300 * 1e10);
    let p = Point { x: 1.0 / 3.0, y: -2.5 };
    println!("{} {:>20}|", p, format!("{}", p));
    let shapes = vec![Shape::Circle { r: 1.5 }, Shape::Rect(2.0, 3.0), Shape::Empty];
    println!("{:?}", shapes);
    println!("{:#?}", shapes[0]);
    let width = 12; let prec = 4;
    println!("[{:>width$.prec$}] [{:>1$}] [{:.*}]", 2.718281828, 7, 3, 1.23456, width = width, prec = prec);
    println!("{}", i64::MIN); println!("{}", u128::MAX); println!("{:?}", (1u8, 'c', "s", [1.5f32, 2.0]));
}
