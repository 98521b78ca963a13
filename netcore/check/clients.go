package check

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/socketlab/socketlab/netcore"
	"github.com/socketlab/socketlab/netcore/demos"
)

// Checking a client: the server runs its demo as usual, wrapped in a demo
// that watches each connected client (what it sends, what it is told, how
// it leaves) and judges it when it leaves. The core server is unchanged:
// the wrapper is just another netcore.Demo.

// ClientReport is one client's verdicts.
type ClientReport struct {
	ID      int      `json:"id"`
	Addr    string   `json:"addr"`
	Demo    string   `json:"demo"`
	Results []Result `json:"results"`
}

// Lines is the report as the terminal shows it.
func (r ClientReport) Lines() []string {
	out := []string{"client " + r.Addr + " left: " + r.Demo + " check"}
	for _, res := range r.Results {
		out = append(out, res.Lines()...)
	}
	return out
}

// clientDemos are the demos with client rules (the cases of watched.Close).
var clientDemos = []string{"echo", "guess", "time"}

// ClientDemos lists the demos whose clients can be checked, sorted.
func ClientDemos() []string { return slices.Clone(clientDemos) }

// ClientCheckable reports whether demo's clients can be checked.
func ClientCheckable(demo string) bool { return slices.Contains(clientDemos, demo) }

// ClientOptions are the options for judging the clients of demo served
// with the given settings: setting returns a setting's value as typed by
// its key ("" when unset). Only guess's range matters (min, max); the
// demo has already checked the values.
func ClientOptions(demo string, setting func(key string) string) Options {
	o := DefaultOptions(demo)
	if n, err := strconv.Atoi(setting("min")); err == nil {
		o.Min = n
	}
	if n, err := strconv.Atoi(setting("max")); err == nil {
		o.Max = n
	}
	return o
}

// WatchClients wraps d so that each client is judged when it leaves;
// report gets the verdicts (from the client's connection goroutine). o
// gives guess's range.
func WatchClients(d netcore.Demo, o Options, report func(ClientReport)) netcore.Demo {
	return &watcher{d: d, o: o, report: report}
}

type watcher struct {
	d      netcore.Demo
	o      Options
	report func(ClientReport)
}

func (w *watcher) Info() netcore.DemoInfo { return w.d.Info() }

func (w *watcher) Open(p netcore.Peer) netcore.Session {
	s := &watched{w: w, p: p}
	s.inner = w.d.Open(&spyPeer{Peer: p, s: s})
	return s
}

// spyPeer passes everything on and notes what the demo tells the client.
type spyPeer struct {
	netcore.Peer
	s *watched
}

func (sp *spyPeer) Send(text string) {
	sp.s.told(text)
	sp.Peer.Send(text)
}

// watched is one client's session and what was seen of it.
type watched struct {
	w     *watcher
	p     netcore.Peer
	inner netcore.Session

	mu       sync.Mutex
	endings  map[netcore.Ending]int
	messages int
	// guess
	badGuess     string // the first message that is not a number in range
	lastReply    string
	foundGuess   string // the guess that found the secret, until the next message
	opening      string // the client's very first guess
	keptGuessing string // the guess sent right after a win, when it was not a fresh start
	tries, most  int    // guesses in this round, most in any round
}

func (s *watched) told(text string) {
	s.mu.Lock()
	s.lastReply = text
	s.mu.Unlock()
}

func (s *watched) Handle(text string) {
	s.mu.Lock()
	s.messages++
	if e, ok := s.p.(interface{ LastEnding() netcore.Ending }); ok {
		if s.endings == nil {
			s.endings = map[netcore.Ending]int{}
		}
		s.endings[e.LastEnding()]++
	}
	if s.w.d.Info().Name == "guess" {
		s.guess(strings.TrimSpace(text))
	}
	s.mu.Unlock()
	s.inner.Handle(text)
	s.mu.Lock()
	if s.w.d.Info().Name == "guess" && s.lastReply == demos.FoundSecret {
		s.foundGuess = strings.TrimSpace(text)
		s.most = max(s.most, s.tries)
		s.tries = 0
		s.lastReply = ""
	}
	s.mu.Unlock()
}

// guess notes one guess; called with mu held.
func (s *watched) guess(text string) {
	n, err := strconv.Atoi(text)
	if (err != nil || n < s.w.o.Min || n > s.w.o.Max) && s.badGuess == "" {
		s.badGuess = text
	}
	if s.opening == "" {
		s.opening = text
	}
	// A player that ignored the win still has the same bounds, so it
	// sends the winning guess again; one that starts over sends its
	// opening guess.
	if s.foundGuess != "" && text == s.foundGuess && text != s.opening && s.keptGuessing == "" {
		s.keptGuessing = text
	}
	s.foundGuess = ""
	s.tries++
}

func (s *watched) Close() {
	s.inner.Close()
	s.mu.Lock()
	defer s.mu.Unlock()
	var why string
	if e, ok := s.p.(interface{ EndReason() string }); ok {
		why = e.EndReason()
	}
	info := s.w.d.Info()
	rep := ClientReport{ID: s.p.ID(), Addr: s.p.Addr(), Demo: info.Name}
	add := func(rule string, must bool, o Outcome) {
		res := Result{Rule: rule, Must: must, Status: statusOf(must, o.OK), Note: o.Note, Args: o.Args}
		if o.OK && o.Remark {
			res.Status = Remark
		}
		if o.Sent != "" {
			res.Sent = quote(o.Sent)
		}
		rep.Results = append(rep.Results, res)
	}
	switch info.Name {
	case "guess":
		s.most = max(s.most, s.tries)
		switch {
		case s.messages == 0:
			add("client.guess.range", true, failed("no-guess", "", ""))
		case s.badGuess != "":
			add("client.guess.range", true, Outcome{Note: "not-a-number-guess", Sent: s.badGuess,
				Args: argMap([]string{"min", strconv.Itoa(s.w.o.Min), "max", strconv.Itoa(s.w.o.Max)})})
		default:
			add("client.guess.range", true, pass())
		}
		if s.keptGuessing != "" {
			add("client.guess.found", true, Outcome{Note: "kept-guessing", Sent: s.keptGuessing})
		} else {
			add("client.guess.found", true, pass())
		}
	case "echo", "time":
		if len(s.endings) > 1 {
			var names []string
			for e := range s.endings {
				names = append(names, e.String())
			}
			sort.Strings(names)
			add("client.framing", true, failed("framing-mixed", "", "", "endings", strings.Join(names, ", ")))
		} else {
			add("client.framing", true, pass())
		}
	}
	if why == netcore.EndReset {
		add("client.clean-close", true, failed("reset", "", ""))
	} else {
		add("client.clean-close", true, pass())
	}
	if info.Name == "guess" {
		bound := GuessBound(s.w.o.Max - s.w.o.Min + 1)
		o := remark("tries", "tries", strconv.Itoa(s.most), "bound", strconv.Itoa(bound))
		if s.most > bound {
			o.OK = false
		}
		add("client.guess.tries", false, o)
	}
	if s.w.report != nil {
		s.w.report(rep)
	}
}
