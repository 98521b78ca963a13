package calc

import (
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// cases are what Python 3 prints for each expression (with ^ read as
// **), or the error Evaluate answers with.
var cases = []struct {
	in, want, err string
}{
	// basics
	{in: "1+2", want: "3"},
	{in: "2+3*4", want: "14"},
	{in: "(2+3)*4", want: "20"},
	{in: "2*3+4*5", want: "26"},
	{in: "(1.5+2)**2", want: "12.25"},
	{in: "2**10", want: "1024"},
	{in: "42", want: "42"},

	// precedence and associativity
	{in: "-2**2", want: "-4"},
	{in: "(-2)**2", want: "4"},
	{in: "2**3**2", want: "512"},
	{in: "(2**3)**2", want: "64"},
	{in: "2^3^2", want: "512"},
	{in: "2^3", want: "8"},
	{in: "-2^2", want: "-4"},
	{in: "2**-1", want: "0.5"},
	{in: "2^-1", want: "0.5"},
	{in: "-2**-2", want: "-0.25"},
	{in: "2**-2**2", want: "0.0625"},
	{in: "2**+2", want: "4"},
	{in: "2*3**2", want: "18"},
	{in: "-3**2*2", want: "-18"},
	{in: "2**2*3", want: "12"},
	{in: "10-4-3", want: "3"},
	{in: "2-(3-4)", want: "3"},
	{in: "12/3/2", want: "2.0"},
	{in: "100/10/5", want: "2.0"},
	{in: "12//5*2", want: "4"},
	{in: "7%4%3", want: "0"},
	{in: "2+3%2", want: "3"},
	{in: "2*-3", want: "-6"},
	{in: "2--3", want: "5"},
	{in: "-3", want: "-3"},
	{in: "+3", want: "3"},
	{in: "--3", want: "3"},
	{in: "+-+3", want: "-3"},
	{in: "-(2+1)", want: "-3"},
	{in: "-(-(-1))", want: "-1"},

	// Python's int and float rules
	{in: "7/2", want: "3.5"},
	{in: "6/2", want: "3.0"},
	{in: "-7/2", want: "-3.5"},
	{in: "1/3", want: "0.3333333333333333"},
	{in: "2/3", want: "0.6666666666666666"},
	{in: "7//2", want: "3"},
	{in: "-7//2", want: "-4"},
	{in: "7//-2", want: "-4"},
	{in: "-7//-2", want: "3"},
	{in: "7%3", want: "1"},
	{in: "-7%3", want: "2"},
	{in: "7%-3", want: "-2"},
	{in: "-7%-3", want: "-1"},
	{in: "6%3", want: "0"},
	{in: "-6%3", want: "0"},
	{in: "7//2.0", want: "3.0"},
	{in: "7.5%2", want: "1.5"},
	{in: "-7.5%2", want: "0.5"},
	{in: "7.5%-2", want: "-0.5"},
	{in: "-7.5//2", want: "-4.0"},
	{in: "7.5//-2", want: "-4.0"},
	{in: "1//0.1", want: "9.0"},
	{in: "1%0.1", want: "0.09999999999999995"},
	{in: "-0.5//1", want: "-1.0"},
	{in: "0.0//-1", want: "-0.0"},
	{in: "-0.0%5", want: "0.0"},
	{in: "0.0%-5", want: "-0.0"},
	{in: "5.0//0.5", want: "10.0"},
	{in: "1+2.0", want: "3.0"},
	{in: "2*0.5", want: "1.0"},
	{in: "3-3.0", want: "0.0"},
	{in: "0/5", want: "0.0"},
	{in: "0/-5", want: "-0.0"},
	{in: "0*-1.0", want: "-0.0"},
	{in: "-0", want: "0"},
	{in: "-0.0", want: "-0.0"},
	{in: "10**400/10**399", want: "10.0"},
	{in: "1/2**4000", want: "0.0"},
	{in: "2**1000*1.0", want: "1.0715086071862673e+301"},

	// powers
	{in: "2**0.5", want: "1.4142135623730951"},
	{in: "4**0.5", want: "2.0"},
	{in: "8**(1/3)", want: "2.0"},
	{in: "27**(1/3)", want: "3.0"},
	{in: "2**3.0", want: "8.0"},
	{in: "1.5**2", want: "2.25"},
	{in: "10**-2", want: "0.01"},
	{in: "1.1**2.5", want: "1.2690587062858836"},
	{in: "2**0.1", want: "1.0717734625362931"},
	{in: "0**0", want: "1"},
	{in: "0.0**0", want: "1.0"},
	{in: "0**5", want: "0"},
	{in: "(-2)**3", want: "-8"},
	{in: "(-2)**3.0", want: "-8.0"},
	{in: "(-2)**-1", want: "-0.5"},
	{in: "(-0.0)**3", want: "-0.0"},
	{in: "(-0.0)**2", want: "0.0"},
	{in: "(-0.0)**0.5", want: "0.0"},
	{in: "1**-1", want: "1.0"},
	{in: "(-1)**-3", want: "-1.0"},
	{in: "(-1.0)**1e300", want: "1.0"},
	{in: "0.5**2000", want: "0.0"},
	{in: "(-0.5)**2001", want: "-0.0"},
	{in: "2**-1074", want: "5e-324"},
	{in: "1**(10**1000)", want: "1"},
	{in: "(-1)**(10**1000+1)", want: "-1"},
	{in: "0**(10**1000)", want: "0"},

	// big integers, up to 4096 bits
	{in: "2**100", want: "1267650600228229401496703205376"},
	{in: "2**64-1", want: "18446744073709551615"},
	{in: "-2**63", want: "-9223372036854775808"},
	{in: "99999999999999999999+1", want: "100000000000000000000"},
	{in: "10**20", want: "100000000000000000000"},
	{in: "3**2584//3**2583", want: "3"},
	{in: "2**4095//2**4094", want: "2"},
	{in: "(-2)**4095//2**4094", want: "-2"},

	// formatting like Python's repr
	{in: "0.1+0.2", want: "0.30000000000000004"},
	{in: "1e16", want: "1e+16"},
	{in: "1.5e16", want: "1.5e+16"},
	{in: "1e15", want: "1000000000000000.0"},
	{in: "9999999999999998.0", want: "9999999999999998.0"},
	{in: "1e22", want: "1e+22"},
	{in: "10.0**20", want: "1e+20"},
	{in: "1234567.0", want: "1234567.0"},
	{in: "123456789012345678.0", want: "1.2345678901234568e+17"},
	{in: "1.5e-05", want: "1.5e-05"},
	{in: "0.0001", want: "0.0001"},
	{in: "0.00001", want: "1e-05"},
	{in: "-1.5e-7", want: "-1.5e-07"},
	{in: "0.000123", want: "0.000123"},
	{in: "100.0", want: "100.0"},
	{in: "1e100", want: "1e+100"},
	{in: "1e-100", want: "1e-100"},
	{in: "5e-324", want: "5e-324"},
	{in: "1.7976931348623157e308", want: "1.7976931348623157e+308"},
	{in: "1/3*3", want: "1.0"},
	{in: "0.1*3", want: "0.30000000000000004"},

	// literals
	{in: ".5", want: "0.5"},
	{in: "2.", want: "2.0"},
	{in: "1e3", want: "1000.0"},
	{in: "1E3", want: "1000.0"},
	{in: "1.e3", want: "1000.0"},
	{in: "1e+3", want: "1000.0"},
	{in: "2.5e-3", want: "0.0025"},
	{in: "1e-400", want: "0.0"},
	{in: "0", want: "0"},
	{in: "000", want: "0"},
	{in: "00.5", want: "0.5"},
	{in: "0e0", want: "0.0"},
	{in: "1_000", want: "1000"},
	{in: "1_000.000_1", want: "1000.0001"},
	{in: "1e1_0", want: "10000000000.0"},

	// whitespace
	{in: " 1 + 2 ", want: "3"},
	{in: "\t2*\n3\r\n", want: "6"},
	{in: "  -  3  ", want: "-3"},
	{in: "2 ** 3", want: "8"},
	{in: "7 // 2", want: "3"},
	{in: "( 1 )", want: "1"},

	// errors
	{in: "", err: "empty expression"},
	{in: " \t\r\n", err: "empty expression"},
	{in: "1/0", err: "division by zero"},
	{in: "1//0", err: "division by zero"},
	{in: "1%0", err: "division by zero"},
	{in: "0/0", err: "division by zero"},
	{in: "1/0.0", err: "division by zero"},
	{in: "1.0//0", err: "division by zero"},
	{in: "5%0.0", err: "division by zero"},
	{in: "1/-0.0", err: "division by zero"},
	{in: "1/(1-1)", err: "division by zero"},
	{in: "0**-1", err: "division by zero"},
	{in: "0.0**-1.5", err: "division by zero"},
	{in: "10.0**400", err: "number too large"},
	{in: "9**9**9", err: "number too large"},
	{in: "2**2**2**2**2", err: "number too large"},
	{in: "2**4096", err: "number too large"},
	{in: "2**4095*2", err: "number too large"},
	{in: "2**4095+2**4095", err: "number too large"},
	{in: "-2**4095-2**4095", err: "number too large"},
	{in: "3**2585", err: "number too large"},
	{in: "10**1300", err: "number too large"},
	{in: "2**(10**1000)", err: "number too large"},
	{in: "2.0**(10**1000)", err: "number too large"},
	{in: "2**1024*1.0", err: "number too large"},
	{in: "2**1024/1", err: "number too large"},
	{in: "1e308*10", err: "number too large"},
	{in: "1e308+1e308", err: "number too large"},
	{in: "1e308/1e-10", err: "number too large"},
	{in: "1e400", err: "number too large"},
	{in: "(-10)**1000.5", err: "number too large"},
	{in: "(-8)**0.5", err: "result is not a real number"},
	{in: "(-8)**(1/3)", err: "result is not a real number"},
	{in: "(-1)**0.5", err: "result is not a real number"},
	{in: "(-2.5)**-0.5", err: "result is not a real number"},
	{in: "1+", err: "syntax error at position 3: unexpected end of expression"},
	{in: "1 +   ", err: "syntax error at position 4: unexpected end of expression"},
	{in: "2**", err: "syntax error at position 4: unexpected end of expression"},
	{in: "-", err: "syntax error at position 2: unexpected end of expression"},
	{in: "(1+2", err: "syntax error at position 5: missing ')'"},
	{in: "1+2)", err: "syntax error at position 4: unexpected ')'"},
	{in: ")", err: "syntax error at position 1: unexpected ')'"},
	{in: "()", err: "syntax error at position 2: unexpected ')'"},
	{in: "(1)(2)", err: "syntax error at position 4: unexpected '('"},
	{in: "(1 2)", err: "syntax error at position 4: unexpected '2'"},
	{in: "2 3", err: "syntax error at position 3: unexpected '3'"},
	{in: "*2", err: "syntax error at position 1: unexpected '*'"},
	{in: "2 * * 3", err: "syntax error at position 5: unexpected '*'"},
	{in: "2 ^^ 3", err: "syntax error at position 4: unexpected '^'"},
	{in: "1.2.3", err: "syntax error at position 4: unexpected '.3'"},
	{in: ".", err: "syntax error at position 1: unexpected '.'"},
	{in: "2x", err: "syntax error at position 2: unknown character 'x'"},
	{in: "1 , 2", err: "syntax error at position 3: unknown character ','"},
	{in: "abs(-1)", err: "syntax error at position 1: unknown character 'a'"},
	{in: "__import__('os').system('ls')", err: "syntax error at position 1: unknown character '_'"},
	{in: "2 + é", err: "syntax error at position 5: unknown character 'é'"},
	{in: "0x1f", err: "syntax error at position 2: unknown character 'x'"},
	{in: "1_", err: "syntax error at position 2: unknown character '_'"},
	{in: "1__0", err: "syntax error at position 2: unknown character '_'"},
	{in: "1e", err: "syntax error at position 1: invalid number '1e'"},
	{in: "2*1e+", err: "syntax error at position 3: invalid number '1e+'"},
	{in: "007", err: "syntax error at position 1: leading zeros are not allowed in '007'"},
	{in: "1 + 0_7", err: "syntax error at position 5: leading zeros are not allowed in '0_7'"},
	// A syntax error anywhere wins over a failure to evaluate, as in Python.
	{in: "1/0 + (", err: "syntax error at position 8: unexpected end of expression"},
	{in: "1/0 + 2x", err: "syntax error at position 8: unknown character 'x'"},
}

func TestEvaluate(t *testing.T) {
	for _, tc := range cases {
		got, err := Evaluate(tc.in)
		if tc.err != "" {
			assert.EqualError(t, err, tc.err, "Evaluate(%q)", tc.in)
			assert.Empty(t, got, "Evaluate(%q)", tc.in)
			continue
		}
		if assert.NoError(t, err, "Evaluate(%q)", tc.in) {
			assert.Equal(t, tc.want, got, "Evaluate(%q)", tc.in)
		}
	}
}

func TestEvaluateBigInts(t *testing.T) {
	got, err := Evaluate("2**4095")
	require.NoError(t, err)
	assert.Len(t, got, 1233)
	assert.True(t, strings.HasPrefix(got, "52219444070657625334"), got)
	assert.True(t, strings.HasSuffix(got, "201577095168"), got)

	got, err = Evaluate("10**400")
	require.NoError(t, err)
	assert.Equal(t, "1"+strings.Repeat("0", 400), got)

	// 3**2584 has exactly 4096 bits, although base bits × exponent says 5168.
	got, err = Evaluate("3**2584 % 1000")
	require.NoError(t, err)
	assert.Equal(t, "681", got)
}

func TestEvaluateLimits(t *testing.T) {
	atLimit := strings.Repeat("1+", 499) + "11" // 1000 characters
	got, err := Evaluate(" \t" + atLimit + "\r\n")
	require.NoError(t, err)
	assert.Equal(t, "510", got)

	_, err = Evaluate(atLimit + "1")
	assert.EqualError(t, err, "expression too long")
	_, err = Evaluate(strings.Repeat(" ", 1<<20) + atLimit + "1")
	assert.EqualError(t, err, "expression too long")

	nest := func(n int, open, inner, close string) string {
		return strings.Repeat(open, n) + inner + strings.Repeat(close, n)
	}
	got, err = Evaluate(nest(100, "(", "1", ")"))
	require.NoError(t, err)
	assert.Equal(t, "1", got)
	got, err = Evaluate(nest(100, "-", "1", ""))
	require.NoError(t, err)
	assert.Equal(t, "1", got)
	got, err = Evaluate(nest(50, "-(", "1", ")"))
	require.NoError(t, err)
	assert.Equal(t, "1", got)

	for _, deep := range []string{
		nest(101, "(", "1", ")"),
		nest(101, "-", "1", ""),
		nest(51, "-(", "1", ")"),
		nest(101, "2**-", "1", ""),
		nest(300, "(", "", ""), // too deep is found before the missing ')'
	} {
		_, err := Evaluate(deep)
		assert.EqualError(t, err, "too deeply nested", "%.20s…", deep)
	}

	// A chain of powers is not nesting: Python evaluates it fine.
	got, err = Evaluate(strings.Repeat("1**", 300) + "1")
	require.NoError(t, err)
	assert.Equal(t, "1", got)
}

// worstCaseInputs are the most expensive inputs the limits allow.
var worstCaseInputs = []string{
	"9**9**9",
	"(10**999)**(10**999)",
	"2**2**2**2**2**2**2**2",
	strings.Repeat("(2**4095-1)*", 83) + "1",
	strings.Repeat("(2**4095-1)//", 76) + "1",
	strings.Repeat("(2**4095-1)/", 83) + "1",
	strings.Repeat("3**2584-", 124) + "1",
	strings.Repeat("1.0000001**-1e9/", 62) + "1",
	strings.Repeat("2.5**0.37+", 99) + "1",
	strings.Repeat("-(", 50) + strings.Repeat("9", 800) + strings.Repeat(")", 50),
}

// TestEvaluateWorstCasesFinish checks that every worst case fits the
// length limit and comes back with a value or a reason; how fast is
// BenchmarkEvaluateWorstCase's job.
func TestEvaluateWorstCasesFinish(t *testing.T) {
	for _, in := range worstCaseInputs {
		require.LessOrEqual(t, len(in), maxLen)
		got, err := Evaluate(in)
		assert.True(t, (err == nil) != (got == ""), "%.30s…: %q, %v", in, got, err)
	}
	_, err := Evaluate("9**9**9")
	assert.EqualError(t, err, "number too large")
}

func BenchmarkEvaluateWorstCase(b *testing.B) {
	for i := 0; i < b.N; i++ {
		for _, in := range worstCaseInputs {
			Evaluate(in)
		}
	}
}

func TestEvaluateConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for _, tc := range cases {
				got, err := Evaluate(tc.in)
				if tc.err != "" {
					assert.EqualError(t, err, tc.err)
				} else {
					assert.Equal(t, tc.want, got)
				}
			}
		})
	}
	wg.Wait()
}

// reprShape is what Python's repr of an int or a finite float looks like.
var reprShape = regexp.MustCompile(`^-?([0-9]+|[0-9]+\.[0-9]+|[0-9](\.[0-9]+)?e[+-][0-9]{2,3})$`)

func FuzzEvaluate(f *testing.F) {
	for _, tc := range cases {
		f.Add(tc.in)
	}
	for _, s := range []string{
		"1e+16", "-1.5e-05", "(-0.0)", "1_0e-1_0", "0.0**0.0", "2^-1^-1",
		"(((1)))", "-+-+-+1", "7 % -0.5", "-7 // 0.3", "1e308 // 1e-308",
		"2**4095 / 3", "123456789**123 % 10**9", "0.1**-300", "1.0000000001**1e12",
		"(2**1023)*1.0 + (2**1023)*1.0", "5e-324/2", "1e-320**0.5",
		"\x00", "1\xff", "((", "))", "**", "//", "1 // / 2", "--", "e5", "5e",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, expr string) {
		got, err := Evaluate(expr)
		if err != nil {
			require.Empty(t, got)
			require.NotEmpty(t, err.Error())
			require.False(t, strings.HasPrefix(err.Error(), "error"), err.Error())
			return
		}
		require.Regexp(t, reprShape, got, "Evaluate(%q)", expr)
		// repr round-trips: an answer read back is the same answer.
		if len(got) <= maxLen {
			again, err := Evaluate(got)
			require.NoError(t, err, "Evaluate(%q) = %q", expr, got)
			require.Equal(t, got, again, "Evaluate(%q) = %q", expr, got)
		}
	})
}

func BenchmarkEvaluate(b *testing.B) {
	for b.Loop() {
		if _, err := Evaluate("(1.5 + 2) ** 2 - 7 // 2 * 3 % 4 + 2 ** 10 / 3"); err != nil {
			b.Fatal(err)
		}
	}
}
