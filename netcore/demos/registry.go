// Package demos holds the classroom protocols a netcore.Server runs, one
// file per demo. Each file registers its demo in its own init with
// everything front ends need (teaching order, texts, settings), so the list
// of demos is simply the set of demo files.
package demos

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/socketlab/socketlab/netcore"
)

// Values are a demo's settings as typed, by Setting.Key. Missing keys take
// the setting's Default.
type Values map[string]string

// factory makes one demo value from checked settings.
type factory func(s settings) (netcore.Demo, error)

type entry struct {
	info netcore.DemoInfo
	make factory
}

var registry = map[string]entry{}

// register is called from each demo file's init.
func register(info netcore.DemoInfo, make factory) {
	if _, dup := registry[info.Name]; dup {
		panic("demos: demo registered twice: " + info.Name)
	}
	registry[info.Name] = entry{info: info, make: make}
}

// All lists every demo in teaching order.
func All() []netcore.DemoInfo {
	out := make([]netcore.DemoInfo, 0, len(registry))
	for _, e := range registry {
		out = append(out, e.info)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Order != out[j].Order {
			return out[i].Order < out[j].Order
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// Lookup returns the description of the named demo.
func Lookup(name string) (netcore.DemoInfo, bool) {
	e, ok := registry[name]
	return e.info, ok
}

// Names lists the demo names in teaching order, comma separated, for help
// texts and errors.
func Names() string {
	names := make([]string, 0, len(registry))
	for _, d := range All() {
		names = append(names, d.Name)
	}
	return strings.Join(names, ", ")
}

// New makes a fresh demo value for one server from settings v (checked
// against the demo's Settings; errors name the setting). rnd, when not nil,
// makes secrets and server moves reproducible (tests); nil means random.
func New(name string, v Values, rnd *rand.Rand) (netcore.Demo, error) {
	e, ok := registry[name]
	if !ok {
		return nil, fmt.Errorf("unknown demo %q (choose one of %s)", name, Names())
	}
	s := settings{values: map[string]string{}, rnd: rnd}
	for _, st := range e.info.Settings {
		text, given := v[st.Key]
		if !given {
			text = st.Default
		}
		checked, err := st.Check(text)
		if err != nil {
			return nil, err
		}
		s.values[st.Key] = checked
	}
	for key := range v {
		if _, known := s.values[key]; !known {
			return nil, fmt.Errorf("the %s demo has no setting %q", name, key)
		}
	}
	return e.make(s)
}

// settings are a demo's checked values, handed to its factory.
type settings struct {
	values map[string]string
	rnd    *rand.Rand
}

func (s settings) text(key string) string { return s.values[key] }

// info is base describing the demo being made: its Values (secrets left
// out) and so its Describe follow the settings. A demo with settings
// returns it from Info().
func (s settings) info(base netcore.DemoInfo) netcore.DemoInfo { return base.WithValues(s.values) }

// number reads a SettingInt value; Check has made it a valid number.
func (s settings) number(key string) int {
	n, _ := strconv.Atoi(s.values[key])
	return n
}

// random returns the source of randomness every session of the demo shares.
func (s settings) random() *randomness {
	return &randomness{r: s.rnd}
}

// randomness draws numbers for a demo: seeded in tests, else the global
// source.
type randomness struct {
	mu sync.Mutex // a rand.Rand is not safe for the many connections sharing it
	r  *rand.Rand
}

func (r *randomness) intn(n int) int {
	if r == nil || r.r == nil {
		return rand.IntN(n)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.r.IntN(n)
}
