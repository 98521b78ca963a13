package app

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/socketlab/socketlab/netcore"
	"github.com/socketlab/socketlab/netcore/tlslab"

	"github.com/socketlab/socketlab/app/i18n"
)

// The Server tab's TLS switch and allow list (issue #17): the same
// netcore.Config.TLS and Config.Allow that `socketlab serve --tls --allow`
// set, with the certificate kept in tlslab's config directory so that its
// fingerprint, shown on the banner for partners to compare, survives a
// restart.

// Preference keys of the TLS switch and the allow list.
const (
	prefServerTLS   = "server.tls"
	prefServerAllow = "server.allow"
)

// Tips under the TLS switch: what it does, or why it is off.
func tlsTipTCP() string { return i18n.T("views.tls.server.tip.tcp") }
func tlsTipUDP() string { return i18n.T("views.tls.server.tip.udp") }

// buildTLSCells are the "TLS" and "Allow only" rows of the settings form.
func (t *serverTab) buildTLSCells() []fyne.CanvasObject {
	t.tlsCheck = &widget.Check{Text: i18n.T("views.tls.server.check")}
	t.tlsTip = newTipLabel(tlsTipTCP())
	t.allowEntry = &widget.Entry{PlaceHolder: i18n.T("views.allow.placeholder"), Validator: validateAllowList}
	label := func(s string) *widget.Label { return &widget.Label{Text: s, TextStyle: fyne.TextStyle{Bold: true}} }
	return []fyne.CanvasObject{
		label(i18n.T("views.tls.server.label")), container.NewVBox(t.tlsCheck, t.tlsTip),
		label(i18n.T("views.allow.label")), container.NewVBox(t.allowEntry, newTipLabel(i18n.T("views.allow.tip"))),
	}
}

// validateAllowList is the allow entry's check: netcore's own parser, so
// the entry refuses exactly what the server would.
func validateAllowList(text string) error {
	_, err := netcore.ParseAllowList(text)
	return err
}

// updateTLSEnabled offers TLS while stopped over TCP, and says why not
// over UDP.
func (t *serverTab) updateTLSEnabled() {
	tcp := t.transport.Selected != transportUDP
	setEnabled(t.state == serverStopped && tcp, t.tlsCheck)
	setEnabled(t.state == serverStopped, t.allowEntry)
	if tcp {
		t.tlsTip.SetText(tlsTipTCP())
	} else {
		t.tlsTip.SetText(tlsTipUDP())
	}
}

// applyTLSAndAllow sets cfg's allow list, and TLS with its certificate
// (made the first time) and a wire tap for the "TLS records" views.
func (t *serverTab) applyTLSAndAllow(cfg *netcore.Config) error {
	allow, err := netcore.ParseAllowList(t.allowEntry.Text)
	if err != nil {
		return errors.New(i18n.T("views.allow.bad", map[string]string{"Error": err.Error()}))
	}
	cfg.Allow = allow
	if !t.tlsCheck.Checked || cfg.Network != "tcp" {
		return nil
	}
	dir, err := tlslab.DefaultDir()
	if err != nil {
		return err
	}
	cert, err := tlslab.LoadOrCreate(dir)
	if err != nil {
		return err
	}
	cfg.TLS = tlslab.ServerConfig(cert)
	cfg.WireTap = netcore.DefaultWireTap
	return nil
}

// serverFingerprint is the running server's certificate fingerprint, or ""
// without TLS.
func serverFingerprint(cfg netcore.Config) string {
	if cfg.TLS == nil || len(cfg.TLS.Certificates) == 0 {
		return ""
	}
	return tlslab.CertFingerprint(cfg.TLS.Certificates[0])
}

// groupedFingerprint splits a fingerprint's 32 pairs over two lines of 16,
// which two people compare half by half more easily than one long line.
func groupedFingerprint(fp string) string {
	pairs := strings.Split(fp, ":")
	if len(pairs) != 32 {
		return fp
	}
	return strings.Join(pairs[:16], ":") + "\n" + strings.Join(pairs[16:], ":")
}

// updateBannerTLS shows the fingerprint under the address while a TLS
// server runs.
func (t *serverTab) updateBannerTLS() {
	fp := ""
	if t.state == serverRunning && t.run != nil {
		fp = serverFingerprint(t.run.srv.Config())
	}
	if fp == "" {
		t.bannerTLS.Hide()
		return
	}
	t.bannerTLS.SetText(i18n.T("views.tls.server.banner", map[string]string{"Fingerprint": groupedFingerprint(fp)}))
	t.bannerTLS.Show()
}

// noteTLSAndAllow logs what a started server checks, as serve prints it.
func (t *serverTab) noteTLSAndAllow(cfg netcore.Config) {
	if len(cfg.Allow) > 0 {
		t.log.Append(logRow{Who: "server", Kind: "note", Text: i18n.T("views.allow.note", map[string]string{"Allow": netcore.FormatAllowList(cfg.Allow)})})
	}
	if fp := serverFingerprint(cfg); fp != "" {
		t.log.Append(logRow{Who: "server", Kind: "note", Text: i18n.T("views.tls.server.note", map[string]string{"Fingerprint": fp})})
	}
}

func (t *serverTab) restoreTLSPrefs() {
	t.tlsCheck.SetChecked(t.prefs.Bool(prefServerTLS))
	t.allowEntry.SetText(t.prefs.String(prefServerAllow))
}

func (t *serverTab) saveTLSPrefs() {
	t.prefs.SetBool(prefServerTLS, t.tlsCheck.Checked)
	if validateAllowList(t.allowEntry.Text) == nil {
		t.prefs.SetString(prefServerAllow, strings.TrimSpace(t.allowEntry.Text))
	}
}

// serverWire is the log's "TLS records" source for one run: the selected
// client's bytes, else the newest client's. A client that left keeps its
// last bytes on show, so one that sent a line and hung up can still be read.
func (t *serverTab) serverWire(run *serverRun) wireSource {
	keptID := 0
	var kept []netcore.WireRecord
	return func() ([]netcore.WireRecord, string, string) {
		if run.srv.Config().TLS == nil {
			return nil, "", i18n.T("views.tls.server.none")
		}
		id := t.selectedID
		if id == 0 && len(t.clients) > 0 {
			id = t.clients[len(t.clients)-1].ID
		}
		if id == 0 {
			id = keptID
		}
		if id == 0 {
			return nil, "", i18n.T("views.tls.server.noclient")
		}
		whose := i18n.T("views.tls.server.whose", map[string]int{"ID": id})
		recs, err := run.srv.Wire(id)
		if err != nil {
			if id == keptID {
				return kept, whose, i18n.T("views.tls.server.left")
			}
			return nil, whose, err.Error()
		}
		keptID, kept = id, recs
		return recs, whose, ""
	}
}
