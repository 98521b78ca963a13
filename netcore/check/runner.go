package check

import (
	"context"
	"crypto/tls"
	"errors"
	"net"
	"sync"
	"time"
)

// Limits of a run: every rule is bounded, and so is the whole run, so a
// class's servers are checked within a minute whatever they do.
const (
	RuleLimit = 10 * time.Second
	RunLimit  = 50 * time.Second
	// Parallel is how many servers are checked at once.
	Parallel = 40
)

// Options are what the checker needs to know about the server.
type Options struct {
	Demo     string
	UDP      bool
	Min, Max int    // guess: the range of the secret
	Password string // password: the right one ("" skips the rules needing it)
	Single   bool   // echo: the one-client lesson server
	// LocalAddr, when set, is the address the checker's connections
	// come from.
	LocalAddr net.Addr
	// TLS: every connection speaks TLS (tls.go). Fingerprint, when set,
	// is the certificate the server must show (as tlslab.ParseFingerprint
	// reads it); without it the one seen is reported.
	TLS         bool
	Fingerprint string
}

// DefaultOptions are the lesson's: guess from 0 to 9.
func DefaultOptions(demo string) Options { return Options{Demo: demo, Min: 0, Max: 9} }

// Target is the server under test during one run.
type Target struct {
	Addr string
	Opts Options

	tls *tls.Config // with Opts.TLS, pinned by startTLS

	mu     sync.Mutex
	probes []*probe
}

func (t *Target) track(p *probe) {
	t.mu.Lock()
	t.probes = append(t.probes, p)
	t.mu.Unlock()
}

// closeAll ends every connection of the run, which also frees a rule
// stuck reading.
func (t *Target) closeAll() {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, p := range t.probes {
		p.close()
	}
	t.probes = nil
}

// ErrUnknownDemo is returned for a demo without rules.
var ErrUnknownDemo = errors.New("no check rules for that demo")

// Run checks the server at addr with o.Demo's rules.
func Run(ctx context.Context, addr string, o Options) (Report, error) {
	s, ok := suites[o.Demo]
	if !ok {
		return Report{}, ErrUnknownDemo
	}
	if err := o.checkTLS(); err != nil {
		return Report{}, err
	}
	ctx, cancel := context.WithTimeout(ctx, RunLimit)
	defer cancel()
	start := time.Now()
	t := &Target{Addr: addr, Opts: o}
	defer t.closeAll()
	rep := Report{Demo: o.Demo, Addr: addr}
	if o.TLS {
		var err error
		if rep.TLSFingerprint, err = startTLS(ctx, t); err != nil {
			return rep, err
		}
		rep.TLSChecked = o.Fingerprint != ""
	}
	for _, r := range s(t) {
		rep.Results = append(rep.Results, runRule(ctx, t, r))
	}
	rep.Took = time.Since(start)
	return rep, nil
}

// RunAll checks several servers at once (a class), in the order given.
// The error joins the servers refused (a *FingerprintError each); their
// reports have no results.
func RunAll(ctx context.Context, addrs []string, o Options) ([]Report, error) {
	if !Has(o.Demo) {
		return nil, ErrUnknownDemo
	}
	if err := o.checkTLS(); err != nil {
		return nil, err
	}
	out := make([]Report, len(addrs))
	errs := make([]error, len(addrs))
	sem := make(chan struct{}, Parallel)
	var wg sync.WaitGroup
	for i, a := range addrs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			out[i], errs[i] = Run(ctx, a, o)
		}()
	}
	wg.Wait()
	return out, errors.Join(errs...)
}

// Pending lists demo's rules as results not yet run (an empty Status),
// each a must or a remark as o makes it: the list a front end shows while
// a check runs.
func Pending(demo string, o Options) []Result {
	var out []Result
	for _, r := range Rules(demo, o) {
		out = append(out, Result{Rule: r.ID, Must: r.mustWith(o)})
	}
	return out
}

// mustWith reports whether r is a must-rule under o.
func (r Rule) mustWith(o Options) bool { return r.Must && !(r.SingleRemark && o.Single) }

func runRule(ctx context.Context, t *Target, r Rule) Result {
	must := r.mustWith(t.Opts)
	res := Result{Rule: r.ID, Must: must}
	if ctx.Err() != nil {
		res.Status, res.Note = statusOf(must, false), "not-run"
		return res
	}
	rctx, cancel := context.WithTimeout(ctx, RuleLimit)
	defer cancel()
	done := make(chan Outcome, 1)
	go func() { done <- r.Run(rctx) }()
	var o Outcome
	select {
	case o = <-done:
	case <-rctx.Done():
		t.closeAll() // frees the rule's reads
		<-done
		o = Outcome{Note: "rule-timeout"}
	}
	res.Status = statusOf(must, o.OK)
	if o.OK && o.Remark {
		res.Status = Remark
	}
	res.Note, res.Args = o.Note, o.Args
	if o.Sent != "" {
		res.Sent = quote(o.Sent)
	}
	if o.Got != "" {
		res.Got = quote(o.Got)
	}
	return res
}

func statusOf(must, ok bool) Status {
	switch {
	case ok:
		return Pass
	case must:
		return Fail
	}
	return Remark
}
