package main

import (
	"bytes"
	"debug/pe"
	"encoding/binary"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// buildWindowsGUI cross-compiles a tiny Go program for Windows, linked as
// fyne package links the app (-H=windowsgui), and returns its image.
func buildWindowsGUI(t *testing.T) []byte {
	t.Helper()
	dir := t.TempDir()
	src := filepath.Join(dir, "main.go")
	if err := os.WriteFile(src, []byte("package main\n\nfunc main() { println(\"hi\") }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	exe := filepath.Join(dir, "hi.exe")
	goBin := filepath.Join(runtime.GOROOT(), "bin", "go")
	cmd := exec.Command(goBin, "build", "-ldflags=-H=windowsgui", "-o", exe, src)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOOS=windows", "GOARCH=amd64", "CGO_ENABLED=0", "GOFLAGS=")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("cross-compiling for windows: %v\n%s", err, out)
	}
	image, err := os.ReadFile(exe)
	if err != nil {
		t.Fatal(err)
	}
	return image
}

func TestConsoleCopyDiffersOnlyInSubsystem(t *testing.T) {
	gui := buildWindowsGUI(t)
	s, err := subsystem(gui)
	if err != nil {
		t.Fatal(err)
	}
	if s != pe.IMAGE_SUBSYSTEM_WINDOWS_GUI {
		t.Fatalf("-H=windowsgui build reads as %s", subsystemName(s))
	}

	console, err := withSubsystem(gui, pe.IMAGE_SUBSYSTEM_WINDOWS_CUI)
	if err != nil {
		t.Fatal(err)
	}
	if s, err := subsystem(console); err != nil || s != pe.IMAGE_SUBSYSTEM_WINDOWS_CUI {
		t.Fatalf("copy reads as %s, %v; want console", subsystemName(s), err)
	}
	if len(console) != len(gui) {
		t.Fatalf("copy is %d bytes, original %d", len(console), len(gui))
	}
	var diffs []int
	for i := range gui {
		if gui[i] != console[i] {
			diffs = append(diffs, i)
		}
	}
	// GUI is 2, console 3: one byte of the little-endian field changes.
	if len(diffs) != 1 {
		t.Fatalf("copy differs at %d offsets %v, want exactly the subsystem byte", len(diffs), diffs)
	}
	if s, _ := subsystem(gui); s != pe.IMAGE_SUBSYSTEM_WINDOWS_GUI {
		t.Fatal("withSubsystem changed its input")
	}
}

func TestRunWritesAndPrints(t *testing.T) {
	dir := t.TempDir()
	in, out := filepath.Join(dir, "app.exe"), filepath.Join(dir, "app-cli.exe")
	if err := os.WriteFile(in, buildWindowsGUI(t), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-console", in, out}, &stdout, &stderr); code != 0 {
		t.Fatalf("-console exit %d: %s", code, stderr.String())
	}
	for file, want := range map[string]string{in: "gui", out: "console"} {
		stdout.Reset()
		if code := run([]string{file}, &stdout, &stderr); code != 0 {
			t.Fatalf("%s: exit %d: %s", file, code, stderr.String())
		}
		if got := strings.TrimSpace(stdout.String()); got != want {
			t.Errorf("%s prints %q, want %q", filepath.Base(file), got, want)
		}
	}
}

func TestChecksumAndBadInput(t *testing.T) {
	gui := buildWindowsGUI(t)

	if _, err := withSubsystem([]byte("MZ not a pe file at all, only text"), pe.IMAGE_SUBSYSTEM_WINDOWS_CUI); err == nil {
		t.Error("a file that is not PE was accepted")
	}
	if _, err := withSubsystem(gui[:0x40], pe.IMAGE_SUBSYSTEM_WINDOWS_CUI); err == nil {
		t.Error("a truncated image was accepted")
	}
	// A right checksum stays right; a wrong one stays as it was.
	opt := int(binary.LittleEndian.Uint32(gui[peOffsetPointer:])) + peSignatureSize + coffHeaderSize
	sumAt := opt + optCheckSumOffset
	summed := bytes.Clone(gui)
	binary.LittleEndian.PutUint32(summed[sumAt:], peChecksum(summed, sumAt))
	out, err := withSubsystem(summed, pe.IMAGE_SUBSYSTEM_WINDOWS_CUI)
	require.NoError(t, err)
	assert.Equal(t, peChecksum(out, sumAt), binary.LittleEndian.Uint32(out[sumAt:]), "a right checksum is kept right")
	assert.NotEqual(t, binary.LittleEndian.Uint32(summed[sumAt:]), binary.LittleEndian.Uint32(out[sumAt:]), "the change moves the checksum")

	wrong := bytes.Clone(gui)
	binary.LittleEndian.PutUint32(wrong[sumAt:], 0x1234)
	out, err = withSubsystem(wrong, pe.IMAGE_SUBSYSTEM_WINDOWS_CUI)
	require.NoError(t, err)
	assert.Equal(t, uint32(0x1234), binary.LittleEndian.Uint32(out[sumAt:]), "a wrong checksum is left alone")

	var stdout, stderr bytes.Buffer
	if code := run([]string{"-console", "only-one-arg"}, &stdout, &stderr); code != 2 {
		t.Errorf("bad usage exits %d, want 2", code)
	}
	if code := run([]string{filepath.Join(t.TempDir(), "missing.exe")}, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "missing.exe") {
		t.Errorf("missing file: exit %d, stderr %q", code, stderr.String())
	}
}
