package app

import (
	"context"
	"net"
	"net/netip"
	"strconv"
	"strings"

	"github.com/socketlab/socketlab/app/i18n"
	"github.com/socketlab/socketlab/netcore/reach"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/socketlab/socketlab/netcore"
)

// The top of the Server tab: the address a partner types, in letters large
// enough for the back of a classroom, and the reachability check.

func (t *serverTab) buildBanner() fyne.CanvasObject {
	t.bannerTitle = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}}
	t.bannerAddr = &widget.Label{SizeName: theme.SizeNameHeadingText, TextStyle: fyne.TextStyle{Bold: true}, Selectable: true}
	t.bannerNote = &widget.Label{Wrapping: fyne.TextWrapWord}
	t.bannerTLS = &widget.Label{TextStyle: fyne.TextStyle{Monospace: true}, Selectable: true}
	t.bannerTLS.Hide()
	t.copyButton = &widget.Button{Text: i18n.T("server.banner.copy"), Icon: theme.ContentCopyIcon(), OnTapped: t.onCopyTapped}
	t.bannerRow = container.NewHBox(
		newSteadyTheme(t.bannerAddr, bannerTheme()),
		container.NewCenter(t.copyButton),
	)
	// Also there while the server is stopped: the check then says so,
	// which beats a button that appears and disappears.
	t.reachButton = &widget.Button{Text: reachLabel(), Icon: theme.SearchIcon(), OnTapped: t.onReachTapped}
	top := container.NewBorder(nil, nil, nil, t.reachButton, t.bannerTitle)
	return container.NewVBox(top, t.bannerRow, t.bannerTLS, t.bannerNote)
}

// updateBanner shows the address a partner must type while the server runs.
func (t *serverTab) updateBanner() {
	t.updateBannerTLS()
	if t.state != serverRunning || t.run == nil {
		t.bannerTitle.SetText(i18n.T("server.banner.stopped"))
		t.bannerRow.Hide()
		t.bannerNote.SetText(i18n.T("server.banner.stopped.note"))
		t.copyText = ""
		return
	}
	cfg := t.run.srv.Config()
	port := boundPort(t.run.srv.Addr())
	host, _, _ := net.SplitHostPort(cfg.Addr)
	var note []string
	switch {
	case host == "" || host == "0.0.0.0" || host == "::":
		addrs := reach.ReachableAddrs()
		main := netcore.BestLANAddress()
		var others []string
		for _, a := range addrs {
			if a.String() != main {
				others = append(others, formatBannerAddr(a.String(), port))
			}
		}
		host = main
		if len(others) > 0 {
			note = append(note, i18n.T("server.banner.also", map[string]string{"Addrs": strings.Join(others, "   ·   ")}))
		}
	case isLoopback(host):
		note = append(note, i18n.T("server.banner.loopback"))
	default:
		note = append(note, i18n.T("server.banner.samenet"))
	}
	over := map[string]string{"Demo": demoTitleText(t.demo)}
	what := i18n.T("server.banner.over.tcp", over)
	if cfg.Network == "udp" {
		what = i18n.T("server.banner.over.udp", over)
	} else if cfg.TLS != nil {
		what = i18n.T("server.banner.over.tls", over)
	}
	note = append([]string{what}, note...)
	t.bannerTitle.SetText(i18n.T("server.banner.connect"))
	t.bannerAddr.SetText(formatBannerAddr(host, port))
	t.copyText = net.JoinHostPort(host, strconv.Itoa(port))
	if url := bannerURL(t.demo, host, port, cfg.TLS != nil); url != "" {
		t.bannerTitle.SetText(i18n.T("server.banner.browser"))
		t.bannerAddr.SetText(url)
		t.copyText = url
		note = append([]string{bannerURLNote(url)}, note...)
	}
	t.bannerRow.Show()
	t.bannerNote.SetText(strings.Join(note, " "))
}

func isLoopback(host string) bool {
	a, err := netip.ParseAddr(host)
	return err == nil && a.IsLoopback()
}

// formatBannerAddr spaces host and port apart so nobody misreads them:
// "192.168.0.105 : 8000", "[fd00::5] : 8000".
func formatBannerAddr(host string, port int) string {
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	return host + " : " + strconv.Itoa(port)
}

func boundPort(a net.Addr) int { return netcore.PortOf(a) }

func (t *serverTab) onCopyTapped() {
	if t.copyText == "" {
		return
	}
	t.app.Clipboard().SetContent(t.copyText)
	t.status.SetText(i18n.T("server.banner.copied", map[string]string{"Addr": t.copyText}))
}

// reachLabel is the reach button's text when no check is running, and
// the title of its findings.
func reachLabel() string { return i18n.T("server.reach") }

// reachChecking is the reach button's text while a check runs.
func reachChecking() string { return i18n.T("server.reach.checking") }

// onReachTapped runs the reachability check in a goroutine (it dials, with
// timeouts of seconds) and shows what it found when it is done.
func (t *serverTab) onReachTapped() {
	if t.reachCancel != nil {
		return // one check at a time
	}
	network := "tcp"
	var bound net.Addr // nil: "not started"
	var own reach.Own  // the server, so its log and list skip the check
	everywhere := false
	if t.run != nil && t.state == serverRunning {
		cfg := t.run.srv.Config()
		network, bound, own = cfg.Network, t.run.srv.Addr(), t.run.srv
		host, _, _ := net.SplitHostPort(cfg.Addr)
		ip, err := netip.ParseAddr(host)
		everywhere = host == "" || (err == nil && ip.IsUnspecified())
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.reachCancel = cancel
	t.reachButton.SetText(reachChecking())
	t.reachButton.Disable()
	t.reachWG.Add(1)
	go func() {
		defer t.reachWG.Done()
		var probe []netip.Addr
		if everywhere {
			probe = reach.ReachableAddrs()
		}
		findings := reach.CheckServer(ctx, network, bound, probe, own)
		t.pump.post(func() { t.onReachChecked(ctx, findings) })
	}()
}

// onReachChecked shows the findings, unless the window closed meanwhile.
func (t *serverTab) onReachChecked(ctx context.Context, findings []reach.Finding) {
	if ctx.Err() != nil {
		return
	}
	t.reachCancel()
	t.reachCancel = nil
	t.reachButton.SetText(reachLabel())
	t.reachButton.Enable()
	showFindings(t.win, reachLabel(), findings)
}
