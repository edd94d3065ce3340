package demo

import scala.annotation.tailrec
import scala.collection.mutable

sealed trait Expr
final case class Num(v: Double) extends Expr
final case class Var(name: String) extends Expr
final case class Add(l: Expr, r: Expr) extends Expr
final case class Mul(l: Expr, r: Expr) extends Expr
final case class Neg(e: Expr) extends Expr
final case class Let(name: String, value: Expr, body: Expr) extends Expr

object Eval {
  def eval(e: Expr, env: Map[String, Double]): Double = e match {
    case Num(v)          => v
    case Var(n)          => env.getOrElse(n, throw new NoSuchElementException(n))
    case Add(l, r)       => eval(l, env) + eval(r, env)
    case Mul(l, r)       => eval(l, env) * eval(r, env)
    case Neg(x)          => -eval(x, env)
    case Let(n, v, body) => eval(body, env.updated(n, eval(v, env)))
  }

  def simplify(e: Expr): Expr = e match {
    case Add(Num(0), x)          => simplify(x)
    case Add(x, Num(0))          => simplify(x)
    case Mul(Num(1), x)          => simplify(x)
    case Mul(x, Num(1))          => simplify(x)
    case Mul(Num(0), _) | Mul(_, Num(0)) => Num(0)
    case Add(l, r)               => Add(simplify(l), simplify(r))
    case Mul(l, r)               => Mul(simplify(l), simplify(r))
    case Neg(Neg(x))             => simplify(x)
    case Neg(x)                  => Neg(simplify(x))
    case Let(n, v, b)            => Let(n, simplify(v), simplify(b))
    case other                   => other
  }

  def show(e: Expr): String = e match {
    case Num(v)       => if (v == v.toLong) v.toLong.toString else v.toString
    case Var(n)       => n
    case Add(l, r)    => s"(${show(l)} + ${show(r)})"
    case Mul(l, r)    => s"${show(l)} * ${show(r)}"
    case Neg(x)       => s"-${show(x)}"
    case Let(n, v, b) => s"let $n = ${show(v)} in ${show(b)}"
  }
}

trait Monoid[A] { def empty: A; def combine(x: A, y: A): A }

object Monoid {
  implicit val intAdd: Monoid[Int] = new Monoid[Int] { def empty = 0; def combine(x: Int, y: Int) = x + y }
  implicit val strConcat: Monoid[String] = new Monoid[String] { def empty = ""; def combine(x: String, y: String) = x + y }
  implicit def listMonoid[A]: Monoid[List[A]] = new Monoid[List[A]] { def empty = Nil; def combine(x: List[A], y: List[A]) = x ++ y }
  implicit def mapMonoid[K, V](implicit m: Monoid[V]): Monoid[Map[K, V]] = new Monoid[Map[K, V]] {
    def empty = Map.empty
    def combine(x: Map[K, V], y: Map[K, V]) =
      y.foldLeft(x) { case (acc, (k, v)) => acc.updated(k, acc.get(k).map(m.combine(_, v)).getOrElse(v)) }
  }
  def fold[A](xs: Iterable[A])(implicit m: Monoid[A]): A = xs.foldLeft(m.empty)(m.combine)
}

class Graph[N](edges: Seq[(N, N)]) {
  private val adj: Map[N, Seq[N]] = edges.groupMap(_._1)(_._2)
  def neighbours(n: N): Seq[N] = adj.getOrElse(n, Nil)

  def bfs(start: N): List[N] = {
    val seen = mutable.LinkedHashSet(start)
    val queue = mutable.Queue(start)
    while (queue.nonEmpty) {
      val n = queue.dequeue()
      for (m <- neighbours(n) if !seen(m)) { seen += m; queue.enqueue(m) }
    }
    seen.toList
  }

  def topo: Option[List[N]] = {
    val nodes = (adj.keySet ++ adj.values.flatten).toList
    val indeg = mutable.Map(nodes.map(_ -> 0): _*)
    for ((_, vs) <- adj; v <- vs) indeg(v) += 1
    @tailrec def go(ready: List[N], acc: List[N]): List[N] = ready match {
      case Nil => acc.reverse
      case n :: rest =>
        val next = neighbours(n).filter { m => indeg(m) -= 1; indeg(m) == 0 }
        go(rest ++ next, n :: acc)
    }
    val order = go(nodes.filter(indeg(_) == 0), Nil)
    if (order.size == nodes.size) Some(order) else None
  }
}

object Text {
  def wordFreq(text: String): Seq[(String, Int)] =
    text.split("\\W+").iterator.filter(_.nonEmpty).map(_.toLowerCase)
      .foldLeft(Map.empty[String, Int])((m, w) => m.updated(w, m.getOrElse(w, 0) + 1))
      .toSeq.sortBy { case (w, c) => (-c, w) }

  def caesar(s: String, k: Int): String = s.map {
    case c if c.isUpper => ((c - 'A' + k) % 26 + 'A').toChar
    case c if c.isLower => ((c - 'a' + k) % 26 + 'a').toChar
    case c => c
  }

  def lazyPrimes: LazyList[Int] = {
    def sieve(s: LazyList[Int]): LazyList[Int] = s.head #:: sieve(s.tail.filter(_ % s.head != 0))
    sieve(LazyList.from(2))
  }
}

object Main {
  def main(args: Array[String]): Unit = {
    val e = Let("x", Add(Num(3), Num(0)), Mul(Var("x"), Add(Var("x"), Neg(Neg(Num(1))))))
    println(Eval.show(Eval.simplify(e)) + " = " + Eval.eval(e, Map.empty))
    println(Monoid.fold(List(Map("a" -> 1), Map("a" -> 2, "b" -> 3))))
    val g = new Graph(Seq(1 -> 2, 1 -> 3, 2 -> 4, 3 -> 4, 4 -> 5))
    println(g.bfs(1) -> g.topo)
    println(Text.wordFreq("the cat and the hat and the bat").take(3))
    println(Text.caesar("Hello, World", 3) + " " + Text.lazyPrimes.take(10).toList)
  }
}
