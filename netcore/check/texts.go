package check

import (
	"fmt"
	"maps"

	"github.com/socketlab/socketlab/netcore"
)

// The English sentences of the checker, in one place, keyed by rule ID and
// note code, so that a front end can translate them by key. Values in a
// note are written {name}.
var ruleTexts = map[string]string{
	"echo.welcome":       "the server greets a new client with a welcome line",
	"echo.newline":       "a line ending in \\n comes back unchanged",
	"echo.crlf":          "a line ending in \\r\\n (telnet) comes back unchanged",
	"echo.bare":          "text with no line ending comes back unchanged",
	"echo.unicode":       "letters beyond ASCII (ë, 日本語, ✓) come back unchanged",
	"echo.second-client": "a second client is served while the first is connected",
	"echo.after-vanish":  "the server still serves after a client vanishes mid-conversation",

	"time.format":       "the reply is [<time.ctime()>] <message>",
	"time.clock":        "the time is now, give or take the server's time zone",
	"time.each-message": "every message gets its own stamped reply",

	"guess.texts":      "the replies are exactly too low, too high and found the secret",
	"guess.found":      "a binary search finds the secret within ⌊log2 N⌋ + 1 guesses",
	"guess.new-round":  "a new round starts after a win",
	"guess.non-number": "a non-number does not kill the server",

	"password.denied":  "a wrong password gets access denied",
	"password.granted": "the right password gets access granted",
	"password.limit":   "wrong passwords are limited",

	"calc.operators":     "+ - * // % ** work as in Python",
	"calc.true-division": "/ divides exactly: 7/2 is 3.5",
	"calc.parentheses":   "parentheses group",
	"calc.unary-minus":   "a minus sign in front of a number works",
	"calc.div-zero":      "division by zero is answered, not a dropped connection",
	"calc.no-eval":       "code that is sent is never run",

	"chat.two-clients":     "two clients see each other's lines",
	"chat.three-clients":   "three clients see each other's lines",
	"chat.vanished-client": "a client vanishing does not stop delivery to the rest",
	"chat.notices":         "joins and leaves are announced",

	"rps.verdict": "rock gets a verdict and the score: you win/you lose/draw … (you N, server M)",
	"rps.letters": "a move may be sent as its first letter (p for paper)",
	"rps.score":   "the score counts every win and loss",
	"rps.invalid": "anything else gets please send rock, paper or scissors",

	"duel.waiting":  "the first client hears waiting for an opponent",
	"duel.early":    "a move before a match gets still waiting for an opponent",
	"duel.matched":  "a second client makes a match: matched with <address>: send rock, paper or scissors",
	"duel.round":    "a round: you chose … waiting, then each player's verdict and score",
	"duel.invalid":  "anything but a move gets please send rock, paper or scissors",
	"duel.opponent": "when one player leaves the other hears your opponent left",

	"mancala.waiting":   "the first client hears waiting for an opponent",
	"mancala.matched":   "a second client makes a match: you move first / they move first, then the board",
	"mancala.move":      "a move redraws the board for both (and a last stone in the store moves again)",
	"mancala.not-yours": "a move on the other's turn gets not your turn",
	"mancala.bad-pit":   "a pit that is not 1 to 6 gets please send a pit number from 1 to 6",
	"mancala.opponent":  "when one player leaves the other hears your opponent left",

	"client.guess.range":    "every guess is a whole number in the range",
	"client.guess.found":    "after found the secret the client starts over or closes",
	"client.guess.tries":    "guesses per round, against ⌊log2 N⌋ + 1",
	"client.framing":        "every message is framed the same way",
	"client.clean-close":    "the client closes cleanly (not a reset)",
	"client.guess.sent-any": "the client sent at least one guess",
}

var noteTexts = map[string]string{
	"no-reply":           "no reply within the time allowed",
	"conn-error":         "the connection failed: {error}",
	"not-run":            "not run: the check ran out of time",
	"rule-timeout":       "the rule took too long and was stopped",
	"changed":            "the text came back changed",
	"ending-differs":     "the text came back, but the line ending {sent} was answered with {got} (fine)",
	"udp-no-welcome":     "over UDP there is no welcome",
	"no-welcome":         "no welcome line",
	"welcome-is":         "welcome: {welcome}",
	"time-shape":         "the reply is not [time] message, e.g. {example}",
	"not-ctime":          "the stamp {stamp} is not in time.ctime() format, e.g. {example}",
	"needs-format":       "not checked: no reply in the right format",
	"clock-off":          "the stamp {stamp} is not now ({now}), even allowing for a time zone",
	"guess-text":         "a reply that is not one of {want}",
	"too-many-guesses":   "found after {tries} guesses; a binary search needs at most {bound}",
	"not-found":          "not found within {bound} guesses: the hints do not lead to the secret",
	"needs-found":        "not checked: the first round did not end with found the secret",
	"died-on-non-number": "after a non-number the server no longer answers new clients",
	"non-number-reply":   "a non-number was answered {reply}",
	"calc-wrong":         "wrong value; expected {want}",
	"div-zero-dropped":   "division by zero ended the conversation ({error})",
	"div-zero-reply":     "division by zero was answered {reply}",
	"runs-code":          "your server runs any code it is sent (eval)",
	"chat-not-delivered": "member {member} never saw the line",
	"needs-two":          "not checked: two clients could not chat",
	"needs-three":        "not checked: three clients could not chat",
	"no-notices":         "no join or leave notices",
	"notices-seen":       "on a join: {join}; on a leave: {leave}",
	"needs-password":     "not checked: give the right password (--password) to check this",
	"wrong-reply":        "expected {want}",
	"limit-after":        "the server hung up after {n} wrong passwords",
	"no-limit":           "no limit: {n} wrong passwords in a row were all answered",
	"score-wrong":        "the score should be {want}",
	"not-a-number-guess": "a guess that is not a whole number in {min}..{max}",
	"kept-guessing":      "the client kept guessing after found the secret",
	"no-guess":           "the client sent no guess",
	"tries":              "{tries} guesses in the longest round; a binary search needs at most {bound}",
	"framing-mixed":      "messages were framed differently: {endings}",
	"reset":              "the client reset the connection instead of closing it",
	"needs-match":        "not checked: no match was made",
}

// RuleText is the rule in plain words (English).
func RuleText(id string) string {
	if s, ok := ruleTexts[id]; ok {
		return s
	}
	return id
}

// NoteText fills a note's sentence with its values.
func NoteText(note string, args map[string]string) string {
	s, ok := noteTexts[note]
	if !ok {
		s = note
	}
	return netcore.FillText(s, args)
}

// Lines writes r as the terminal shows it: one line per rule, and on a
// failure or remark the note, what was sent and what came back.
func (r Report) Lines() []string {
	out := []string{fmt.Sprintf("%s %s", r.Demo, r.Addr)}
	for _, res := range r.Results {
		out = append(out, res.Lines()...)
	}
	out = append(out, fmt.Sprintf("%d passed, %d failed, %d remarks", r.Count(Pass), r.Count(Fail), r.Count(Remark)))
	return out
}

// Lines is one result: the rule, then its details indented.
func (res Result) Lines() []string {
	kind := "must"
	if !res.Must {
		kind = "remark"
	}
	out := []string{fmt.Sprintf("%s %-22s %s (%s)", res.Status.Symbol(), res.Rule, RuleText(res.Rule), kind)}
	if res.Note != "" {
		out = append(out, "    "+NoteText(res.Note, res.Args))
	}
	sent, got := res.Exchange()
	if sent != "" {
		out = append(out, "    sent: "+sent)
	}
	if got != "" {
		out = append(out, "    got:  "+got)
	}
	return out
}

// Exchange is what a result shows of the conversation, both quoted: the
// bytes sent, and what came back, "(nothing)" when a failure got no reply.
// An empty string is a part not to show.
func (res Result) Exchange() (sent, got string) {
	sent, got = res.Sent, res.Got
	if got == "" && res.Status == Fail && sent != "" {
		got = "(nothing)"
	}
	return sent, got
}

// RuleTexts and NoteTexts are copies of the checker's English sentence
// tables, by rule ID and note code, for a front end that words them in
// other languages (and for its test that every one is translated).
func RuleTexts() map[string]string { return maps.Clone(ruleTexts) }

// NoteTexts: see RuleTexts. Values in a note are written {name}.
func NoteTexts() map[string]string { return maps.Clone(noteTexts) }
