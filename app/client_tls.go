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

// The Client tab's side of the TLS lesson (issue #17): a TLS check beside
// Connect, and an optional expected fingerprint. Without one the tab
// connects but shows the fingerprint it was given and asks the student to
// compare it with the partner's screen; with one it refuses any other
// certificate. Never a silent "accept anything".

// prefClientTLS remembers the TLS check; the expected fingerprint is for
// one partner and one lesson, so it is not remembered.
const prefClientTLS = "client.tls"

// buildTLSRow is the check and the fingerprint entry, shown under the
// address row while TLS is checked.
func (t *clientTab) buildTLSRow() (check *widget.Check, row *fyne.Container) {
	t.tlsCheck = &widget.Check{Text: "TLS", Checked: t.prefs.Bool(prefClientTLS), OnChanged: t.onTLSChanged}
	t.fingerprint = &widget.Entry{
		PlaceHolder: i18n.T("views.tls.client.fingerprint.placeholder"),
		Validator:   validateExpectedFingerprint,
		OnSubmitted: func(string) { t.onConnectTapped() },
	}
	t.tlsRow = container.NewBorder(nil, nil, widget.NewLabel(i18n.T("views.tls.client.fingerprint")), nil, t.fingerprint)
	t.updateTLSRow()
	return t.tlsCheck, t.tlsRow
}

func validateExpectedFingerprint(text string) error {
	if strings.TrimSpace(text) == "" {
		return nil
	}
	_, err := tlslab.ParseFingerprint(text)
	return err
}

func (t *clientTab) onTLSChanged(on bool) {
	t.prefs.SetBool(prefClientTLS, on)
	t.updateTLSRow()
}

// updateTLSRow shows the fingerprint entry with TLS, and offers TLS over
// TCP only.
func (t *clientTab) updateTLSRow() {
	tcp := t.transport == nil || t.transport.Selected != "UDP"
	setEnabled(t.state == stateIdle && tcp, t.tlsCheck)
	setEnabled(t.state == stateIdle, t.fingerprint)
	if t.tlsCheck.Checked && tcp {
		t.tlsRow.Show()
	} else {
		t.tlsRow.Hide()
	}
}

// sessionTLS prepares a session's TLS from the check and the entry: a pin
// that records the fingerprint seen, and checks it when one was typed.
func (t *clientTab) sessionTLS(network string) (*tlslab.Pin, error) {
	if !t.tlsCheck.Checked || network != "tcp" {
		return nil, nil
	}
	pin, err := tlslab.NewPin(strings.TrimSpace(t.fingerprint.Text))
	if err != nil {
		return nil, errors.New(i18n.T("views.tls.client.fingerprint.bad", map[string]string{"Error": err.Error()}))
	}
	return pin, nil
}

// dialOptions are a session's TLS and wire tap: the tap lets the
// transcript's "TLS records" show what crossed the socket.
func dialOptions(pin *tlslab.Pin) netcore.DialOptions {
	if pin == nil {
		return netcore.DialOptions{}
	}
	return netcore.DialOptions{TLS: pin.ClientConfig(), WireTap: netcore.DefaultWireTap}
}

// tlsConnectedNote is what the status and transcript say once a TLS
// connection is up: the fingerprint, and what to do with it.
func tlsConnectedNote(pin *tlslab.Pin) string {
	if pin.Checked() {
		return i18n.T("views.tls.client.checked", map[string]string{"Fingerprint": pin.Seen()})
	}
	return i18n.T("views.tls.client.unchecked", map[string]string{"Fingerprint": pin.Seen()})
}

// tlsFailedNote adds the fingerprint a refused server showed, so the
// student can tell the partner which certificate came instead.
func tlsFailedNote(pin *tlslab.Pin, err error) string {
	if pin == nil || !errors.Is(err, tlslab.ErrFingerprintMismatch) || pin.Seen() == "" {
		return ""
	}
	return " " + i18n.T("views.tls.client.mismatch", map[string]string{"Fingerprint": pin.Seen()})
}

// clientWire is the transcript's "TLS records" source for one connection;
// the tap outlives the connection, so the bytes stay to be read after it.
func clientWire(c *netcore.Client, addr string) wireSource {
	return func() ([]netcore.WireRecord, string, string) {
		if _, ok := c.TLS(); !ok {
			return nil, addr, i18n.T("views.tls.client.none")
		}
		return c.Wire(), addr + " (TLS)", ""
	}
}
