package calc

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// The classic lesson answered with Python's eval, so the results copy Python 3
// arithmetic exactly; only arithmetic exists here, so nothing can be executed.
// The limits keep one request cheap in time, memory and stack, whatever it says.
const (
	maxLen   = 1000 // bytes, surrounding whitespace not counted
	maxDepth = 100  // parentheses and unary signs nested inside each other
	maxBits  = 4096 // bits of any integer, intermediate results included
)

// space is the whitespace allowed around tokens.
const space = " \t\n\r\f\v"

var (
	errEmpty    = errors.New("empty expression")
	errTooLong  = errors.New("expression too long")
	errTooDeep  = errors.New("too deeply nested")
	errDivZero  = errors.New("division by zero")
	errTooLarge = errors.New("number too large")
	errNotReal  = errors.New("result is not a real number")
)

// Evaluate evaluates one arithmetic expression and returns the value as Python would print it.
// Errors are short human reasons without the "error: " prefix, e.g. "division by zero".
// Only the size limits bound its work; servers use a Budget.
func Evaluate(expr string) (string, error) {
	v, _, err := EvaluateWithin(expr, unlimited)
	return v, err
}

// EvaluateWithin is Evaluate doing at most limit units of work (work.go);
// it returns the work done, and ErrTooMuchWork, with the whole limit
// counted as used, for an expression that needs more.
func EvaluateWithin(expr string, limit int) (string, int, error) {
	m := &meter{limit: limit}
	v, err := evaluate(expr, m)
	return v, m.used, err
}

func evaluate(expr string, m *meter) (string, error) {
	trimmed := strings.Trim(expr, space)
	if trimmed == "" {
		return "", errEmpty
	}
	if len(trimmed) > maxLen {
		return "", errTooLong
	}
	toks, err := lex(expr)
	if err != nil {
		return "", err
	}
	// Parse everything before evaluating anything: like Python, a syntax
	// error wins over, say, a division by zero earlier in the line.
	p := &parser{toks: toks}
	root, err := p.expr()
	if err != nil {
		return "", err
	}
	if t := p.peek(); t.text != "" {
		return "", unexpected(t)
	}
	v, err := root.eval(m)
	if err != nil {
		return "", err
	}
	if err := m.charge(costString(v)); err != nil {
		return "", err
	}
	return v.String(), nil
}

// token is a number, an operator or a parenthesis; text is "" at the end.
type token struct {
	text string
	pos  int // 1-based byte offset into the input, for error messages
	num  bool
}

func syntaxError(pos int, format string, args ...any) error {
	return fmt.Errorf("syntax error at position %d: %s", pos, fmt.Sprintf(format, args...))
}

func unexpected(t token) error {
	if t.text == "" {
		return syntaxError(t.pos, "unexpected end of expression")
	}
	return syntaxError(t.pos, "unexpected '%s'", t.text)
}

func lex(s string) ([]token, error) {
	var toks []token
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case strings.IndexByte(space, c) >= 0:
			i++
		case isDigit(c) || c == '.':
			end, err := scanNumber(s, i)
			if err != nil {
				return nil, err
			}
			toks = append(toks, token{text: s[i:end], pos: i + 1, num: true})
			i = end
		case strings.HasPrefix(s[i:], "**") || strings.HasPrefix(s[i:], "//"):
			toks = append(toks, token{text: s[i : i+2], pos: i + 1})
			i += 2
		case strings.IndexByte("+-*/%^()", c) >= 0:
			toks = append(toks, token{text: s[i : i+1], pos: i + 1})
			i++
		default:
			r, _ := utf8.DecodeRuneInString(s[i:])
			return nil, syntaxError(i+1, "unknown character %q", r)
		}
	}
	end := len(strings.TrimRight(s, space)) + 1
	return append(toks, token{pos: end}), nil
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// scanNumber returns where the number starting at s[start] ends, using
// Python's literal grammar: 12, 1_000, 1.5, .5, 2., 1e3, 1.5E-3.
func scanNumber(s string, start int) (int, error) {
	i := digits(s, start)
	isFloat := false
	if i < len(s) && s[i] == '.' {
		if i == start && digits(s, i+1) == i+1 {
			return 0, syntaxError(start+1, "unexpected '.'")
		}
		isFloat = true
		i = digits(s, i+1)
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		isFloat = true
		j := i + 1
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		if digits(s, j) == j {
			return 0, syntaxError(start+1, "invalid number '%s'", s[start:j])
		}
		i = digits(s, j)
	}
	// Python refuses 007 so that it is not mistaken for octal; 000 is fine.
	if digits := strings.ReplaceAll(s[start:i], "_", ""); !isFloat &&
		digits[0] == '0' && strings.Trim(digits, "0") != "" {
		return 0, syntaxError(start+1, "leading zeros are not allowed in '%s'", s[start:i])
	}
	return i, nil
}

// digits skips a run of digits, where single underscores may separate
// digits as in Python (1_000_000).
func digits(s string, i int) int {
	start := i
	for i < len(s) {
		switch {
		case isDigit(s[i]):
			i++
		case s[i] == '_' && i > start && i+1 < len(s) && isDigit(s[i+1]):
			i += 2
		default:
			return i
		}
	}
	return i
}

// node is a parsed expression: a literal (op == ""), a unary sign
// (y == nil) or a binary operator.
type node struct {
	op   string
	lit  string
	x, y *node
}

// parser is a recursive-descent parser over Python's grammar:
//
//	expr    = term { ("+" | "-") term }
//	term    = unary { ("*" | "/" | "//" | "%") unary }
//	unary   = ("+" | "-") unary | power
//	power   = primary [ ("**" | "^") unary ]
//	primary = number | "(" expr ")"
//
// The exponent being a unary is what makes -2**2 == -4, 2**-1 == 0.5 and
// 2**3**2 == 512.
type parser struct {
	toks  []token
	next  int
	depth int
}

func (p *parser) peek() token { return p.toks[p.next] }

func (p *parser) take() token {
	t := p.toks[p.next]
	if t.text != "" {
		p.next++
	}
	return t
}

func (p *parser) at(ops ...string) bool {
	t := p.peek()
	return !t.num && slices.Contains(ops, t.text)
}

// enter bounds the recursion: every nesting level is a few stack frames, and
// a line of 1000 minus signs must not turn into 1000 levels.
func (p *parser) enter() error {
	p.depth++
	if p.depth > maxDepth {
		return errTooDeep
	}
	return nil
}

func (p *parser) expr() (*node, error) {
	x, err := p.term()
	for err == nil && p.at("+", "-") {
		op := p.take().text
		var y *node
		y, err = p.term()
		x = &node{op: op, x: x, y: y}
	}
	return x, err
}

func (p *parser) term() (*node, error) {
	x, err := p.unary()
	for err == nil && p.at("*", "/", "//", "%") {
		op := p.take().text
		var y *node
		y, err = p.unary()
		x = &node{op: op, x: x, y: y}
	}
	return x, err
}

func (p *parser) unary() (*node, error) {
	if !p.at("+", "-") {
		return p.power()
	}
	if err := p.enter(); err != nil {
		return nil, err
	}
	op := p.take().text
	x, err := p.unary()
	p.depth--
	return &node{op: op, x: x}, err
}

func (p *parser) power() (*node, error) {
	x, err := p.primary()
	if err != nil || !p.at("**", "^") {
		return x, err
	}
	p.take()
	y, err := p.unary()
	return &node{op: "**", x: x, y: y}, err
}

func (p *parser) primary() (*node, error) {
	t := p.take()
	switch {
	case t.num:
		return &node{lit: t.text}, nil
	case t.text == "(":
		if err := p.enter(); err != nil {
			return nil, err
		}
		x, err := p.expr()
		if err != nil {
			return nil, err
		}
		if !p.at(")") {
			next := p.peek()
			if next.text == "" {
				return nil, syntaxError(next.pos, "missing ')'")
			}
			return nil, unexpected(next)
		}
		p.take()
		p.depth--
		return x, nil
	default:
		return nil, unexpected(t)
	}
}

// eval recurses at most as deep as the tree, which the length limit bounds.
func (n *node) eval(m *meter) (value, error) {
	if err := m.charge(costStep); err != nil {
		return value{}, err
	}
	if n.op == "" {
		if err := m.charge(costLiteral(len(n.lit))); err != nil {
			return value{}, err
		}
		return literal(n.lit)
	}
	x, err := n.x.eval(m)
	if err != nil {
		return value{}, err
	}
	if n.y == nil {
		if n.op == "-" {
			return x.neg(), nil
		}
		return x, nil
	}
	y, err := n.y.eval(m)
	if err != nil {
		return value{}, err
	}
	return binary(m, n.op, x, y)
}

// value is a Python int (i != nil) or a Python float (f).
type value struct {
	i *big.Int
	f float64
}

func newInt(i *big.Int) (value, error) {
	if i.BitLen() > maxBits {
		return value{}, errTooLarge
	}
	return value{i: i}, nil
}

// newFloat refuses infinities: Python raises OverflowError for some float
// overflows and prints inf for others; a clear error is kinder to students.
func newFloat(f float64) (value, error) {
	if math.IsInf(f, 0) {
		return value{}, errTooLarge
	}
	return value{f: f}, nil
}

func literal(text string) (value, error) {
	text = strings.ReplaceAll(text, "_", "")
	if strings.ContainsAny(text, ".eE") {
		// The lexer only lets valid literals through, so the only possible
		// error is overflow to ±Inf (underflow quietly gives 0, as in Python).
		f, _ := strconv.ParseFloat(text, 64)
		return newFloat(f)
	}
	i, _ := new(big.Int).SetString(text, 10)
	return newInt(i)
}

func (v value) neg() value {
	if v.i != nil {
		return value{i: new(big.Int).Neg(v.i)}
	}
	return value{f: -v.f}
}

// float converts like Python's float(int): correctly rounded, and an error
// rather than inf when the int is beyond the float range.
func (v value) float(m *meter) (float64, error) {
	if v.i == nil {
		return v.f, nil
	}
	if err := m.charge(costToFloat(v.i)); err != nil {
		return 0, err
	}
	f, _ := new(big.Float).SetInt(v.i).Float64()
	if math.IsInf(f, 0) {
		return 0, errTooLarge
	}
	return f, nil
}

func (v value) String() string {
	if v.i != nil {
		return v.i.String()
	}
	return formatFloat(v.f)
}

// formatFloat prints like Python's repr(float): the shortest digits that
// round-trip, positional for decimal exponents -4..15, otherwise 1.5e-05 style.
func formatFloat(f float64) string {
	s := strconv.FormatFloat(f, 'e', -1, 64) // e.g. -1.2345e+06
	sign := ""
	if s[0] == '-' {
		sign, s = "-", s[1:]
	}
	mant, expText, _ := strings.Cut(s, "e")
	exp, _ := strconv.Atoi(expText)
	digits := strings.Replace(mant, ".", "", 1)
	switch {
	case exp < -4 || exp >= 16:
		expSign := "+"
		if exp < 0 {
			expSign, exp = "-", -exp
		}
		return fmt.Sprintf("%s%se%s%02d", sign, mant, expSign, exp)
	case exp < 0:
		return sign + "0." + strings.Repeat("0", -exp-1) + digits
	case len(digits) <= exp+1:
		return sign + digits + strings.Repeat("0", exp+1-len(digits)) + ".0"
	default:
		return sign + digits[:exp+1] + "." + digits[exp+1:]
	}
}

// binary applies op with Python's rules: int op int stays an int except
// for / and negative powers; anything involving a float is a float.
func binary(m *meter, op string, a, b value) (value, error) {
	if a.i != nil && b.i != nil {
		x, y := a.i, b.i
		switch op {
		case "+", "-":
			if err := m.charge(costIntAddSub(x, y)); err != nil {
				return value{}, err
			}
			if op == "+" {
				return newInt(new(big.Int).Add(x, y))
			}
			return newInt(new(big.Int).Sub(x, y))
		case "*":
			if err := m.charge(costIntMulDiv(x, y)); err != nil {
				return value{}, err
			}
			return newInt(new(big.Int).Mul(x, y))
		case "/":
			if err := m.charge(costIntTrueDiv(x, y)); err != nil {
				return value{}, err
			}
			return intTrueDiv(x, y)
		case "//", "%":
			if err := m.charge(costIntMulDiv(x, y)); err != nil {
				return value{}, err
			}
			if y.Sign() == 0 {
				return value{}, errDivZero
			}
			q, r := new(big.Int).QuoRem(x, y, new(big.Int))
			// QuoRem truncates; Python floors, so the remainder takes
			// the divisor's sign.
			if r.Sign() != 0 && r.Sign() != y.Sign() {
				q.Sub(q, big.NewInt(1))
				r.Add(r, y)
			}
			if op == "//" {
				return newInt(q)
			}
			return newInt(r)
		case "**":
			if y.Sign() >= 0 {
				return intPow(m, x, y)
			}
			// A negative exponent makes Python go through float pow.
		}
	}
	x, err := a.float(m)
	if err != nil {
		return value{}, err
	}
	y, err := b.float(m)
	if err != nil {
		return value{}, err
	}
	switch op {
	case "+":
		return newFloat(x + y)
	case "-":
		return newFloat(x - y)
	case "*":
		return newFloat(x * y)
	case "/":
		if y == 0 {
			return value{}, errDivZero
		}
		return newFloat(x / y)
	case "//", "%":
		if y == 0 {
			return value{}, errDivZero
		}
		div, mod := floatDivMod(x, y)
		if op == "//" {
			return newFloat(div)
		}
		return newFloat(mod)
	default: // "**"
		r, err := pow(m, x, y)
		if err != nil {
			return value{}, err
		}
		return newFloat(r)
	}
}

// intTrueDiv divides exactly and rounds once, as Python does, so
// 10**400 / 10**399 is 10.0 even though neither side fits a float.
func intTrueDiv(x, y *big.Int) (value, error) {
	if y.Sign() == 0 {
		return value{}, errDivZero
	}
	if x.Sign() == 0 { // Python keeps the sign: 0 / -5 is -0.0
		return value{f: math.Copysign(0, float64(y.Sign()))}, nil
	}
	f, _ := new(big.Rat).SetFrac(x, y).Float64()
	return newFloat(f)
}

// intPow refuses hopeless powers from the sizes alone, so 9**9**9 costs
// nothing: |x|**y has at least (bits(x)-1)*y + 1 bits.
func intPow(m *meter, x, y *big.Int) (value, error) {
	switch {
	case x.BitLen() <= 1 && x.Sign() >= 0: // 0 or 1
		if x.Sign() == 0 && y.Sign() > 0 {
			return value{i: new(big.Int)}, nil
		}
		return value{i: big.NewInt(1)}, nil
	case x.BitLen() == 1: // -1
		return value{i: big.NewInt(1 - 2*int64(y.Bit(0)))}, nil
	case y.BitLen() > 13 || int64(x.BitLen()-1)*y.Int64() >= maxBits:
		return value{}, errTooLarge
	}
	// The estimate above is at most twice too low (and below maxBits).
	if err := m.charge(costIntPow(2 * (int64(x.BitLen()-1)*y.Int64() + 1))); err != nil {
		return value{}, err
	}
	// The estimate can be low by a factor of up to 2, so check again after.
	return newInt(new(big.Int).Exp(x, y, nil))
}

// floatDivMod is CPython's float divmod, signed zeros and all.
func floatDivMod(x, y float64) (div, mod float64) {
	mod = math.Mod(x, y)
	div = (x - mod) / y
	if mod != 0 {
		if (y < 0) != (mod < 0) {
			mod += y
			div--
		}
	} else {
		mod = math.Copysign(0, y)
	}
	if div != 0 {
		// x-mod is an exact multiple of y, but the division may round.
		floor := math.Floor(div)
		if div-floor > 0.5 {
			floor++
		}
		div = floor
	} else {
		div = math.Copysign(0, x/y)
	}
	return div, mod
}

func isOdd(f float64) bool { return math.Mod(math.Abs(f), 2) == 1 }

// pow is CPython's float pow: its special cases, in its order, then the
// correctly rounded x**y. math.Pow is not used because it is often an ulp
// off where C's pow is not: Go gives 8**(1/3) as 1.9999999999999998, Python 2.0.
func pow(m *meter, x, y float64) (float64, error) {
	switch {
	case y == 0:
		return 1, nil
	case x == 0:
		if y < 0 {
			return 0, errDivZero
		}
		if isOdd(y) {
			return x, nil // (-0.0)**3 keeps its sign
		}
		return 0, nil
	}
	negate, isComplex := false, false
	if x < 0 {
		// Python answers with a complex number, unless even its
		// magnitude |x|**y overflows.
		isComplex = y != math.Floor(y)
		x, negate = -x, isOdd(y)
	}
	r := 1.0
	switch {
	case x == 1:
	case y == math.Trunc(y) && math.Abs(y) <= 64:
		if err := m.charge(costSmallIntPow(int(y))); err != nil {
			return 0, err
		}
		r = smallIntPow(x, int(y))
	default:
		if err := m.charge(costExpLnPow); err != nil {
			return 0, err
		}
		// exp(y·ln x) with 192 bits, then one rounding to float64.
		t := toBig(y)
		t.Mul(t, ln(x))
		switch {
		case t.Cmp(toBig(710)) > 0: // exp(710) > MaxFloat64
			r = math.Inf(1)
		case t.Cmp(toBig(-746)) < 0: // below half the smallest float
			r = 0
		default:
			r, _ = exp(t).Float64()
		}
	}
	switch {
	case math.IsInf(r, 0):
		return 0, errTooLarge
	case isComplex:
		return 0, errNotReal
	case negate:
		r = -r
	}
	return r, nil
}

// smallIntPow computes x**n exactly (53 bits per factor are enough) and
// rounds once, so that a result exactly halfway between two floats, such as
// 7.0**19, rounds to even as IEEE 754 says; exp(y·ln x) cannot tell.
func smallIntPow(x float64, n int) float64 {
	bits := uint(53*max(n, -n) + 64)
	p, bx := new(big.Float).SetPrec(bits).SetInt64(1), big.NewFloat(x)
	for range max(n, -n) {
		p.Mul(p, bx)
	}
	if n < 0 {
		// 1/p is never halfway between floats, and 64 spare bits keep
		// its rounding from landing on one.
		p.Quo(new(big.Float).SetPrec(bits).SetInt64(1), p)
	}
	r, _ := p.Float64()
	return r
}

// powPrec is the working precision of exp(y·ln x), far above float64's
// 53 bits so that rounding the end result once is right.
const powPrec = 192

func toBig(f float64) *big.Float { return new(big.Float).SetPrec(powPrec).SetFloat64(f) }

// ln2 is ln 2 = 2·atanh(1/3), needed by both ln and exp.
var ln2 = sync.OnceValue(func() *big.Float {
	third := toBig(1)
	return atanh2(third.Quo(third, toBig(3)))
})

// atanh2 returns 2·atanh(z) = ln((1+z)/(1-z)) from its series
// 2·(z + z³/3 + z⁵/5 + …), which converges fast for small |z|.
func atanh2(z *big.Float) *big.Float {
	z2 := toBig(0).Mul(z, z)
	sum, pow, term := toBig(0).Set(z), toBig(0).Set(z), toBig(0)
	for k := 3.0; ; k += 2 {
		pow.Mul(pow, z2)
		term.Quo(pow, toBig(k))
		if term.Sign() == 0 || term.MantExp(nil) < sum.MantExp(nil)-powPrec {
			return sum.Mul(sum, toBig(2))
		}
		sum.Add(sum, term)
	}
}

// ln returns ln x for x > 0.
func ln(x float64) *big.Float {
	m := toBig(0)
	e := toBig(x).MantExp(m) // x = m·2^e, ½ ≤ m < 1
	if m.Cmp(toBig(math.Sqrt2/2)) < 0 {
		// With m in [√½, √2) the series gets |z| < 0.18, and m-1 loses
		// nothing when x is close to 1.
		m.SetMantExp(m, 1)
		e--
	}
	z := toBig(0).Sub(m, toBig(1))
	z.Quo(z, toBig(0).Add(m, toBig(1)))
	ln := atanh2(z) // ln m
	eln2 := toBig(float64(e))
	return ln.Add(ln, eln2.Mul(eln2, ln2()))
}

// exp returns exp(t) for -746 <= t <= 710.
func exp(t *big.Float) *big.Float {
	// exp(t) = 2^k · exp(r) with |r| <= ln2/2.
	q, _ := toBig(0).Quo(t, ln2()).Float64()
	k := math.Round(q)
	r := toBig(k)
	r.Sub(t, r.Mul(r, ln2()))
	// The Taylor series of exp(r/256) needs few terms; squaring 8 times
	// undoes the division.
	r.SetMantExp(r, -8)
	sum, term := toBig(1), toBig(1)
	for n := 1.0; ; n++ {
		term.Mul(term, r)
		term.Quo(term, toBig(n))
		if term.Sign() == 0 || term.MantExp(nil) < -powPrec {
			break
		}
		sum.Add(sum, term)
	}
	for range 8 {
		sum.Mul(sum, sum)
	}
	return sum.SetMantExp(sum, int(k))
}
