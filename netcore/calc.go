package netcore

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
	calcMaxLen   = 1000 // bytes, surrounding whitespace not counted
	calcMaxDepth = 100  // parentheses and unary signs nested inside each other
	calcMaxBits  = 4096 // bits of any integer, intermediate results included
)

// calcSpace is the whitespace allowed around tokens.
const calcSpace = " \t\n\r\f\v"

var (
	errCalcEmpty    = errors.New("empty expression")
	errCalcTooLong  = errors.New("expression too long")
	errCalcTooDeep  = errors.New("too deeply nested")
	errCalcDivZero  = errors.New("division by zero")
	errCalcTooLarge = errors.New("number too large")
	errCalcNotReal  = errors.New("result is not a real number")
)

// Calculate evaluates one arithmetic expression and returns the value as Python would print it.
// Errors are short human reasons without the "error: " prefix, e.g. "division by zero".
func Calculate(expr string) (string, error) {
	trimmed := strings.Trim(expr, calcSpace)
	if trimmed == "" {
		return "", errCalcEmpty
	}
	if len(trimmed) > calcMaxLen {
		return "", errCalcTooLong
	}
	toks, err := calcLex(expr)
	if err != nil {
		return "", err
	}
	// Parse everything before evaluating anything: like Python, a syntax
	// error wins over, say, a division by zero earlier in the line.
	p := &calcParser{toks: toks}
	root, err := p.expr()
	if err != nil {
		return "", err
	}
	if t := p.peek(); t.text != "" {
		return "", calcUnexpected(t)
	}
	v, err := root.eval()
	if err != nil {
		return "", err
	}
	return v.String(), nil
}

// calcToken is a number, an operator or a parenthesis; text is "" at the end.
type calcToken struct {
	text string
	pos  int // 1-based byte offset into the input, for error messages
	num  bool
}

func calcSyntaxError(pos int, format string, args ...any) error {
	return fmt.Errorf("syntax error at position %d: %s", pos, fmt.Sprintf(format, args...))
}

func calcUnexpected(t calcToken) error {
	if t.text == "" {
		return calcSyntaxError(t.pos, "unexpected end of expression")
	}
	return calcSyntaxError(t.pos, "unexpected '%s'", t.text)
}

func calcLex(s string) ([]calcToken, error) {
	var toks []calcToken
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case strings.IndexByte(calcSpace, c) >= 0:
			i++
		case calcIsDigit(c) || c == '.':
			end, err := calcScanNumber(s, i)
			if err != nil {
				return nil, err
			}
			toks = append(toks, calcToken{text: s[i:end], pos: i + 1, num: true})
			i = end
		case strings.HasPrefix(s[i:], "**") || strings.HasPrefix(s[i:], "//"):
			toks = append(toks, calcToken{text: s[i : i+2], pos: i + 1})
			i += 2
		case strings.IndexByte("+-*/%^()", c) >= 0:
			toks = append(toks, calcToken{text: s[i : i+1], pos: i + 1})
			i++
		default:
			r, _ := utf8.DecodeRuneInString(s[i:])
			return nil, calcSyntaxError(i+1, "unknown character %q", r)
		}
	}
	end := len(strings.TrimRight(s, calcSpace)) + 1
	return append(toks, calcToken{pos: end}), nil
}

func calcIsDigit(c byte) bool { return '0' <= c && c <= '9' }

// calcScanNumber returns where the number starting at s[start] ends, using
// Python's literal grammar: 12, 1_000, 1.5, .5, 2., 1e3, 1.5E-3.
func calcScanNumber(s string, start int) (int, error) {
	i := calcDigits(s, start)
	isFloat := false
	if i < len(s) && s[i] == '.' {
		if i == start && calcDigits(s, i+1) == i+1 {
			return 0, calcSyntaxError(start+1, "unexpected '.'")
		}
		isFloat = true
		i = calcDigits(s, i+1)
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		isFloat = true
		j := i + 1
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		if calcDigits(s, j) == j {
			return 0, calcSyntaxError(start+1, "invalid number '%s'", s[start:j])
		}
		i = calcDigits(s, j)
	}
	// Python refuses 007 so that it is not mistaken for octal; 000 is fine.
	if digits := strings.ReplaceAll(s[start:i], "_", ""); !isFloat &&
		digits[0] == '0' && strings.Trim(digits, "0") != "" {
		return 0, calcSyntaxError(start+1, "leading zeros are not allowed in '%s'", s[start:i])
	}
	return i, nil
}

// calcDigits skips a run of digits, where single underscores may separate
// digits as in Python (1_000_000).
func calcDigits(s string, i int) int {
	start := i
	for i < len(s) {
		switch {
		case calcIsDigit(s[i]):
			i++
		case s[i] == '_' && i > start && i+1 < len(s) && calcIsDigit(s[i+1]):
			i += 2
		default:
			return i
		}
	}
	return i
}

// calcNode is a parsed expression: a literal (op == ""), a unary sign
// (y == nil) or a binary operator.
type calcNode struct {
	op   string
	lit  string
	x, y *calcNode
}

// calcParser is a recursive-descent parser over Python's grammar:
//
//	expr    = term { ("+" | "-") term }
//	term    = unary { ("*" | "/" | "//" | "%") unary }
//	unary   = ("+" | "-") unary | power
//	power   = primary [ ("**" | "^") unary ]
//	primary = number | "(" expr ")"
//
// The exponent being a unary is what makes -2**2 == -4, 2**-1 == 0.5 and
// 2**3**2 == 512.
type calcParser struct {
	toks  []calcToken
	next  int
	depth int
}

func (p *calcParser) peek() calcToken { return p.toks[p.next] }

func (p *calcParser) take() calcToken {
	t := p.toks[p.next]
	if t.text != "" {
		p.next++
	}
	return t
}

func (p *calcParser) at(ops ...string) bool {
	t := p.peek()
	return !t.num && slices.Contains(ops, t.text)
}

// enter bounds the recursion: every nesting level is a few stack frames, and
// a line of 1000 minus signs must not turn into 1000 levels.
func (p *calcParser) enter() error {
	p.depth++
	if p.depth > calcMaxDepth {
		return errCalcTooDeep
	}
	return nil
}

func (p *calcParser) expr() (*calcNode, error) {
	x, err := p.term()
	for err == nil && p.at("+", "-") {
		op := p.take().text
		var y *calcNode
		y, err = p.term()
		x = &calcNode{op: op, x: x, y: y}
	}
	return x, err
}

func (p *calcParser) term() (*calcNode, error) {
	x, err := p.unary()
	for err == nil && p.at("*", "/", "//", "%") {
		op := p.take().text
		var y *calcNode
		y, err = p.unary()
		x = &calcNode{op: op, x: x, y: y}
	}
	return x, err
}

func (p *calcParser) unary() (*calcNode, error) {
	if !p.at("+", "-") {
		return p.power()
	}
	if err := p.enter(); err != nil {
		return nil, err
	}
	op := p.take().text
	x, err := p.unary()
	p.depth--
	return &calcNode{op: op, x: x}, err
}

func (p *calcParser) power() (*calcNode, error) {
	x, err := p.primary()
	if err != nil || !p.at("**", "^") {
		return x, err
	}
	p.take()
	y, err := p.unary()
	return &calcNode{op: "**", x: x, y: y}, err
}

func (p *calcParser) primary() (*calcNode, error) {
	t := p.take()
	switch {
	case t.num:
		return &calcNode{lit: t.text}, nil
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
				return nil, calcSyntaxError(next.pos, "missing ')'")
			}
			return nil, calcUnexpected(next)
		}
		p.take()
		p.depth--
		return x, nil
	default:
		return nil, calcUnexpected(t)
	}
}

// eval recurses at most as deep as the tree, which the length limit bounds.
func (n *calcNode) eval() (calcValue, error) {
	if n.op == "" {
		return calcLiteral(n.lit)
	}
	x, err := n.x.eval()
	if err != nil {
		return calcValue{}, err
	}
	if n.y == nil {
		if n.op == "-" {
			return x.neg(), nil
		}
		return x, nil
	}
	y, err := n.y.eval()
	if err != nil {
		return calcValue{}, err
	}
	return calcBinary(n.op, x, y)
}

// calcValue is a Python int (i != nil) or a Python float (f).
type calcValue struct {
	i *big.Int
	f float64
}

func calcInt(i *big.Int) (calcValue, error) {
	if i.BitLen() > calcMaxBits {
		return calcValue{}, errCalcTooLarge
	}
	return calcValue{i: i}, nil
}

// calcFloat refuses infinities: Python raises OverflowError for some float
// overflows and prints inf for others; a clear error is kinder to students.
func calcFloat(f float64) (calcValue, error) {
	if math.IsInf(f, 0) {
		return calcValue{}, errCalcTooLarge
	}
	return calcValue{f: f}, nil
}

func calcLiteral(text string) (calcValue, error) {
	text = strings.ReplaceAll(text, "_", "")
	if strings.ContainsAny(text, ".eE") {
		// The lexer only lets valid literals through, so the only possible
		// error is overflow to ±Inf (underflow quietly gives 0, as in Python).
		f, _ := strconv.ParseFloat(text, 64)
		return calcFloat(f)
	}
	i, _ := new(big.Int).SetString(text, 10)
	return calcInt(i)
}

func (v calcValue) neg() calcValue {
	if v.i != nil {
		return calcValue{i: new(big.Int).Neg(v.i)}
	}
	return calcValue{f: -v.f}
}

// float converts like Python's float(int): correctly rounded, and an error
// rather than inf when the int is beyond the float range.
func (v calcValue) float() (float64, error) {
	if v.i == nil {
		return v.f, nil
	}
	f, _ := new(big.Float).SetInt(v.i).Float64()
	if math.IsInf(f, 0) {
		return 0, errCalcTooLarge
	}
	return f, nil
}

func (v calcValue) String() string {
	if v.i != nil {
		return v.i.String()
	}
	return calcFormatFloat(v.f)
}

// calcFormatFloat prints like Python's repr(float): the shortest digits that
// round-trip, positional for decimal exponents -4..15, otherwise 1.5e-05 style.
func calcFormatFloat(f float64) string {
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

// calcBinary applies op with Python's rules: int op int stays an int except
// for / and negative powers; anything involving a float is a float.
func calcBinary(op string, a, b calcValue) (calcValue, error) {
	if a.i != nil && b.i != nil {
		x, y := a.i, b.i
		switch op {
		case "+":
			return calcInt(new(big.Int).Add(x, y))
		case "-":
			return calcInt(new(big.Int).Sub(x, y))
		case "*":
			return calcInt(new(big.Int).Mul(x, y))
		case "/":
			return calcIntTrueDiv(x, y)
		case "//", "%":
			if y.Sign() == 0 {
				return calcValue{}, errCalcDivZero
			}
			q, r := new(big.Int).QuoRem(x, y, new(big.Int))
			// QuoRem truncates; Python floors, so the remainder takes
			// the divisor's sign.
			if r.Sign() != 0 && r.Sign() != y.Sign() {
				q.Sub(q, big.NewInt(1))
				r.Add(r, y)
			}
			if op == "//" {
				return calcInt(q)
			}
			return calcInt(r)
		case "**":
			if y.Sign() >= 0 {
				return calcIntPow(x, y)
			}
			// A negative exponent makes Python go through float pow.
		}
	}
	x, err := a.float()
	if err != nil {
		return calcValue{}, err
	}
	y, err := b.float()
	if err != nil {
		return calcValue{}, err
	}
	switch op {
	case "+":
		return calcFloat(x + y)
	case "-":
		return calcFloat(x - y)
	case "*":
		return calcFloat(x * y)
	case "/":
		if y == 0 {
			return calcValue{}, errCalcDivZero
		}
		return calcFloat(x / y)
	case "//", "%":
		if y == 0 {
			return calcValue{}, errCalcDivZero
		}
		div, mod := calcFloatDivMod(x, y)
		if op == "//" {
			return calcFloat(div)
		}
		return calcFloat(mod)
	default: // "**"
		r, err := calcPow(x, y)
		if err != nil {
			return calcValue{}, err
		}
		return calcFloat(r)
	}
}

// calcIntTrueDiv divides exactly and rounds once, as Python does, so
// 10**400 / 10**399 is 10.0 even though neither side fits a float.
func calcIntTrueDiv(x, y *big.Int) (calcValue, error) {
	if y.Sign() == 0 {
		return calcValue{}, errCalcDivZero
	}
	if x.Sign() == 0 { // Python keeps the sign: 0 / -5 is -0.0
		return calcValue{f: math.Copysign(0, float64(y.Sign()))}, nil
	}
	f, _ := new(big.Rat).SetFrac(x, y).Float64()
	return calcFloat(f)
}

// calcIntPow refuses hopeless powers from the sizes alone, so 9**9**9 costs
// nothing: |x|**y has at least (bits(x)-1)*y + 1 bits.
func calcIntPow(x, y *big.Int) (calcValue, error) {
	switch {
	case x.BitLen() <= 1 && x.Sign() >= 0: // 0 or 1
		if x.Sign() == 0 && y.Sign() > 0 {
			return calcValue{i: new(big.Int)}, nil
		}
		return calcValue{i: big.NewInt(1)}, nil
	case x.BitLen() == 1: // -1
		return calcValue{i: big.NewInt(1 - 2*int64(y.Bit(0)))}, nil
	case y.BitLen() > 13 || int64(x.BitLen()-1)*y.Int64() >= calcMaxBits:
		return calcValue{}, errCalcTooLarge
	}
	// The estimate can be low by a factor of up to 2, so check again after.
	return calcInt(new(big.Int).Exp(x, y, nil))
}

// calcFloatDivMod is CPython's float divmod, signed zeros and all.
func calcFloatDivMod(x, y float64) (div, mod float64) {
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

func calcIsOdd(f float64) bool { return math.Mod(math.Abs(f), 2) == 1 }

// calcPow is CPython's float pow: its special cases, in its order, then the
// correctly rounded x**y. math.Pow is not used because it is often an ulp
// off where C's pow is not: Go gives 8**(1/3) as 1.9999999999999998, Python 2.0.
func calcPow(x, y float64) (float64, error) {
	switch {
	case y == 0:
		return 1, nil
	case x == 0:
		if y < 0 {
			return 0, errCalcDivZero
		}
		if calcIsOdd(y) {
			return x, nil // (-0.0)**3 keeps its sign
		}
		return 0, nil
	}
	negate, isComplex := false, false
	if x < 0 {
		// Python answers with a complex number, unless even its
		// magnitude |x|**y overflows.
		isComplex = y != math.Floor(y)
		x, negate = -x, calcIsOdd(y)
	}
	r := 1.0
	switch {
	case x == 1:
	case y == math.Trunc(y) && math.Abs(y) <= 64:
		r = calcSmallIntPow(x, int(y))
	default:
		// exp(y·ln x) with 192 bits, then one rounding to float64.
		t := calcBig(y)
		t.Mul(t, calcLn(x))
		switch {
		case t.Cmp(calcBig(710)) > 0: // exp(710) > MaxFloat64
			r = math.Inf(1)
		case t.Cmp(calcBig(-746)) < 0: // below half the smallest float
			r = 0
		default:
			r, _ = calcExp(t).Float64()
		}
	}
	switch {
	case math.IsInf(r, 0):
		return 0, errCalcTooLarge
	case isComplex:
		return 0, errCalcNotReal
	case negate:
		r = -r
	}
	return r, nil
}

// calcSmallIntPow computes x**n exactly (53 bits per factor are enough) and
// rounds once, so that a result exactly halfway between two floats, such as
// 7.0**19, rounds to even as IEEE 754 says; exp(y·ln x) cannot tell.
func calcSmallIntPow(x float64, n int) float64 {
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

// calcPowPrec is the working precision of exp(y·ln x), far above float64's
// 53 bits so that rounding the end result once is right.
const calcPowPrec = 192

func calcBig(f float64) *big.Float { return new(big.Float).SetPrec(calcPowPrec).SetFloat64(f) }

// calcLn2 is ln 2 = 2·atanh(1/3), needed by both calcLn and calcExp.
var calcLn2 = sync.OnceValue(func() *big.Float {
	third := calcBig(1)
	return calcAtanh2(third.Quo(third, calcBig(3)))
})

// calcAtanh2 returns 2·atanh(z) = ln((1+z)/(1-z)) from its series
// 2·(z + z³/3 + z⁵/5 + …), which converges fast for small |z|.
func calcAtanh2(z *big.Float) *big.Float {
	z2 := calcBig(0).Mul(z, z)
	sum, pow, term := calcBig(0).Set(z), calcBig(0).Set(z), calcBig(0)
	for k := 3.0; ; k += 2 {
		pow.Mul(pow, z2)
		term.Quo(pow, calcBig(k))
		if term.Sign() == 0 || term.MantExp(nil) < sum.MantExp(nil)-calcPowPrec {
			return sum.Mul(sum, calcBig(2))
		}
		sum.Add(sum, term)
	}
}

// calcLn returns ln x for x > 0.
func calcLn(x float64) *big.Float {
	m := calcBig(0)
	e := calcBig(x).MantExp(m) // x = m·2^e, ½ ≤ m < 1
	if m.Cmp(calcBig(math.Sqrt2/2)) < 0 {
		// With m in [√½, √2) the series gets |z| < 0.18, and m-1 loses
		// nothing when x is close to 1.
		m.SetMantExp(m, 1)
		e--
	}
	z := calcBig(0).Sub(m, calcBig(1))
	z.Quo(z, calcBig(0).Add(m, calcBig(1)))
	ln := calcAtanh2(z) // ln m
	eln2 := calcBig(float64(e))
	return ln.Add(ln, eln2.Mul(eln2, calcLn2()))
}

// calcExp returns exp(t) for -746 <= t <= 710.
func calcExp(t *big.Float) *big.Float {
	// exp(t) = 2^k · exp(r) with |r| <= ln2/2.
	q, _ := calcBig(0).Quo(t, calcLn2()).Float64()
	k := math.Round(q)
	r := calcBig(k)
	r.Sub(t, r.Mul(r, calcLn2()))
	// The Taylor series of exp(r/256) needs few terms; squaring 8 times
	// undoes the division.
	r.SetMantExp(r, -8)
	sum, term := calcBig(1), calcBig(1)
	for n := 1.0; ; n++ {
		term.Mul(term, r)
		term.Quo(term, calcBig(n))
		if term.Sign() == 0 || term.MantExp(nil) < -calcPowPrec {
			break
		}
		sum.Add(sum, term)
	}
	for range 8 {
		sum.Mul(sum, sum)
	}
	return sum.SetMantExp(sum, int(k))
}
