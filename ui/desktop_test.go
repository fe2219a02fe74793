package ui

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"keel/model"
	"keel/model/store"
	sysdesk "keel/ui/desktop"
)

// fakeNotifier keeps what was sent and each notification's click.
type fakeNotifier struct {
	titles []string
	clicks []func()
	expiry []time.Duration
}

func (f *fakeNotifier) Notify(title, _ string, expire time.Duration, onClick func()) (uint32, error) {
	f.titles = append(f.titles, title)
	f.clicks = append(f.clicks, onClick)
	f.expiry = append(f.expiry, expire)
	return uint32(len(f.titles)), nil
}

func withNotifier(t *testing.T) *fakeNotifier {
	f := &fakeNotifier{}
	saved := proc.notifier
	proc.notifier = f
	t.Cleanup(func() { proc.notifier = saved })
	return f
}

// TestNoRemindersBeforeTheWelcome: while the first-run welcome is up nothing is
// sent; once it is answered, the due check-in reminder is.
func TestNoRemindersBeforeTheWelcome(t *testing.T) {
	f := withNotifier(t)
	a := test.NewTempApp(t)
	st, err := store.Open(store.DataFile(t.TempDir()), store.Options{Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	p := memoryPrefs()
	p.SetString(prefRemindCheckInAt, "09:00") // due at 15:00
	u := New(a, st, p)
	if got := u.remind(); len(got) != 0 || len(f.titles) != 0 {
		t.Fatalf("with the welcome up, sent %+v (notified %q)", got, f.titles)
	}
	test.Tap(findButton(u.win.Content(), "Start fresh"))
	if got := u.remind(); len(got) == 0 || len(f.titles) == 0 {
		t.Fatalf("after the welcome, no reminder was sent (%+v)", got)
	}
}

// TestClickingAReminderOpensItsScreen: each reminder opens the screen it is about
// when its notification is clicked, and expires.
func TestClickingAReminderOpensItsScreen(t *testing.T) {
	f := withNotifier(t)
	u, st := newTestUI(t)
	st.SaveCheckIn(model.CheckIn{At: testNow.Add(-time.Hour), Mood: ptr(6)})
	fresh := u.remind() // the questionnaires were never answered: due
	if len(fresh) == 0 || len(f.clicks) != len(fresh) {
		t.Fatalf("sent %d reminders, %d notifications", len(fresh), len(f.clicks))
	}
	for i, d := range f.expiry {
		if d <= 0 {
			t.Errorf("notification %q never expires", f.titles[i])
		}
	}
	u.Show(ScreenJournal)
	for i, r := range fresh {
		if r.Kind != model.RemindQuestionnaire {
			continue
		}
		f.clicks[i]()
		if u.current != ScreenQuestionnaires {
			t.Errorf("clicking %q shows screen %d, want the questionnaires (%d)", r.Title, u.current, ScreenQuestionnaires)
		}
		return
	}
	t.Fatal("no questionnaire reminder to click")
}

// withExit replaces the process exit and reports the code Quit gave (-1: none).
func withExit(t *testing.T) *int {
	code := -1
	saved := exit
	exit = func(c int) { code = c }
	t.Cleanup(func() { exit = saved })
	return &code
}

// TestCloseHidesOnlyWithATray: "Keep Keel in the tray" hides the window only when
// a tray icon is up; without one, closing quits (exit 0), running the clean-ups.
func TestCloseHidesOnlyWithATray(t *testing.T) {
	u, _ := newTestUI(t)
	code := withExit(t)
	u.prefs.SetBool(prefStayInTray, true)
	u.win.Show()
	saved := proc.tray
	t.Cleanup(func() { proc.tray = saved })

	proc.tray = true
	u.closeRequested()
	if *code != -1 {
		t.Fatalf("with a tray icon, closing quit with %d", *code)
	}

	proc.tray = false
	stopped := false
	onQuit(func() { stopped = true })
	u.closeRequested()
	if *code != 0 || !stopped {
		t.Errorf("without a tray icon, closing: exit %d, clean-ups run %v; want exit 0 and run", *code, stopped)
	}
}

// TestTrayOfferedOnlyWithAHost: the Settings choice to keep Keel in the tray is
// there only when the desktop shows tray icons.
func TestTrayOfferedOnlyWithAHost(t *testing.T) {
	const label = "Keep Keel in the system tray"
	has := func(u *UI) bool {
		for _, c := range widgetsIn[*widget.Check](u.settings.content) {
			if strings.HasPrefix(c.Text, label) {
				return true
			}
		}
		return false
	}
	u, _ := newTestUI(t)
	u.Show(ScreenSettings)
	if has(u) {
		t.Error("the tray is offered on a desktop without a tray host")
	}
	saved := hasTrayHost
	hasTrayHost = func() bool { return true }
	t.Cleanup(func() { hasTrayHost = saved })
	u2, _ := newTestUI(t)
	u2.Show(ScreenSettings)
	if !has(u2) {
		t.Error("the tray is not offered on a desktop with a tray host")
	}
}

// TestScreenLockLocksEncryptedStore: the desktop's screen lock (or sleep) locks an
// encrypted store and shows the unlock screen; an unencrypted one stays open.
func TestScreenLockLocksEncryptedStore(t *testing.T) {
	u, st := newTestUI(t)
	u.lockForDesktop(sysdesk.ScreenLocked)
	if st.Locked() {
		t.Fatal("an unencrypted store was locked")
	}
	encrypt(t, u, "correct horse battery staple")
	u.lockForDesktop(sysdesk.Sleeping)
	if !st.Locked() || u.win.Content() != u.lock.content {
		t.Errorf("after the screen locked: store locked %v, unlock screen shown %v", st.Locked(), u.win.Content() == u.lock.content)
	}
}

// TestSecondLaunchShowsTheRunningWindow: a second Keel on the same data asks the
// first to show its window and exits 0, without a message window.
func TestSecondLaunchShowsTheRunningWindow(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_RUNTIME_DIR", t.TempDir())
	first, err := store.Open(store.DataFile(dir), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	shown := make(chan struct{}, 1)
	stop, err := sysdesk.ListenInstance(dir, func() { shown <- struct{}{} })
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	saved := showStartError
	showStartError = func(fyne.App, string, string) { t.Error("a second launch showed a message window") }
	defer func() { showStartError = saved }()
	t.Setenv("DISPLAY", ":99")
	config, err := os.MkdirTemp("", "keel-config")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(config)
	t.Setenv("XDG_CONFIG_HOME", config)

	var stderr bytes.Buffer
	if code := run(dir, &stderr); code != 0 {
		t.Errorf("run(second launch) = %d, want 0; stderr %q", code, stderr.String())
	}
	select {
	case <-shown:
	case <-time.After(5 * time.Second):
		t.Error("the running Keel was not asked to show its window")
	}
}

// TestBringToFrontShowsHiddenWindow: the running window, hidden in the tray, is
// shown again for a second launch.
func TestBringToFrontShowsHiddenWindow(t *testing.T) {
	u, _ := newTestUI(t)
	u.win.Hide()
	active.Load().bringToFront()
	if active.Load() != u {
		t.Fatal("the active UI is not the one built last")
	}
}

// TestAlreadyRunningMessageIsSmall: the message window is sized to its words: a
// title, the sentence, Close, well under the screen.
func TestAlreadyRunningMessageIsSmall(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewWindow(nil)
	defer w.Close()
	w.SetPadded(false)
	content := startErrorContent(startErrorTitle(model.ErrAlreadyRunning), model.Message(model.ErrAlreadyRunning), w.Close)
	w.SetContent(content)
	size := content.MinSize()
	w.Resize(fyne.NewSize(startErrorWidth, size.Height))
	if size.Width > startErrorWidth || size.Height > 220 || size.Height < 80 {
		t.Errorf("the message needs %v, want at most %dx220 and some height", size, startErrorWidth)
	}
	text := labelTexts(content)
	for _, want := range []string{"Keel is already open", "already running"} {
		if !strings.Contains(text, want) {
			t.Errorf("the message window does not say %q: %q", want, text)
		}
	}
	if findButton(content, "Close") == nil {
		t.Error("no Close button")
	}
}
