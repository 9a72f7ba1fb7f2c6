package main

import (
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
)

// chromium finds Debian's chromium. Outside CI a machine without it skips
// the browser test loudly; in CI (CI=true) it fails.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("chromium is required in CI (apt-get install chromium)")
	}
	t.Skip("!!! SKIPPING the browser test: chromium is not installed (apt-get install chromium) !!!")
	return ""
}

// TestServePageInChromium drives the page in a real browser: it starts the
// server as `tradedocs serve` does, uploads an example and a broken
// workbook through the file input, waits for the order list, opens the
// previews, checks that the broken workbook's problems show their cells,
// copies a remittance line, downloads the zip, drops the blank workbook on
// the drop zone, converts an amount to words and switches the language
// (remembered after a reload). Screenshots go to $TRADEDOCS_SCREENSHOTS
// (or a temporary folder): serve-en.png, serve-preview-ci.png, serve-zh.png.
func TestServePageInChromium(t *testing.T) {
	exe := chromium(t)
	shots := os.Getenv("TRADEDOCS_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	} else if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	e := &env{stdout: os.Stdout, stderr: os.Stderr, getenv: func(string) string { return "" }}
	srv, err := newWebServer(e, "a4", "", 20<<20)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	hs := srv.NewHTTPServer(ln.Addr().String())
	go hs.Serve(ln)
	defer hs.Close()
	url := "http://" + ln.Addr().String() + "/"

	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(exe),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 1000),
	)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancelTime := context.WithTimeout(ctx, 90*time.Second)
	defer cancelTime()

	good, _ := filepath.Abs("../../examples/usd-fob-30-70.xlsx")
	broken, _ := filepath.Abs("../../testdata/broken/qty-not-a-number.xlsx")
	downloads := t.TempDir()
	progress := chromedp.Events(ctx, browser.DownloadProgress)

	shot := func(name string) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			png, err := chromedp.FullScreenshot(100)(ctx, tg)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(shots, name), png, 0o644)
		})
	}
	text := func(js string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Evaluate[string](js, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		return s
	}

	err = chromedp.Do(ctx,
		chromedp.Navigate(url),
		chromedp.Evaluate[chromedp.Void](`localStorage.setItem("tradedocs.lang", "en")`),
		chromedp.Reload(),
		chromedp.WaitVisible(chromedp.CSS("#drop")),
		chromedp.SetUploadFiles(chromedp.CSS("#files"), []string{good, broken}),
		chromedp.WaitVisible(chromedp.CSS(`#orders tbody tr[data-order="PO-2024-0117"]`)),
		chromedp.WaitVisible(chromedp.CSS("iframe.preview")),
		chromedp.Sleep(1500*time.Millisecond), // the PDF viewer draws the first page
		shot("serve-en.png"),
	)
	if err != nil {
		t.Fatalf("upload and order list: %v", err)
	}
	rows := text(`Array.from(document.querySelectorAll("#orders tbody tr")).map(r => r.innerText.replace(/\s+/g, " ")).join("\n")`)
	for _, want := range []string{"HL-2024-0318 ready USD 17744.73 5323.42 (30%) 12421.31", "PO-2024-0117 errors"} {
		if !strings.Contains(rows, want) {
			t.Errorf("order list lacks %q:\n%s", want, rows)
		}
	}
	// The broken workbook's problem shows its cell.
	if p := text(`document.querySelector('section.order[data-order="PO-2024-0117"] .problems').innerText`); !strings.Contains(p, "qty-not-a-number.xlsx!Items!F3") || !strings.Contains(p, `"12pcs"`) {
		t.Errorf("problems of the broken workbook: %q", p)
	}
	// The preview is the PI, served from this server.
	if src := text(`document.querySelector("iframe.preview").src`); !strings.HasPrefix(src, url+"ui/file/") || !strings.HasSuffix(src, "/HL-2024-0318-PI.pdf") {
		t.Errorf("preview src %q", src)
	}
	if ct := text(`fetch(document.querySelector("iframe.preview").src).then(r => r.headers.get("content-type") + " " + r.status)`); ct != "application/pdf 200" {
		t.Errorf("preview answers %q", ct)
	}
	// The memo shows each payment's remittance lines, with a copy button.
	if rem := text(`Array.from(document.querySelectorAll("pre.remittance")).map(p => p.innerText).join("\n---\n")`); strings.Count(rem, "HL-2024-0318") < 2 || !strings.Contains(rem, "30PCT DEPOSIT") {
		t.Errorf("remittance lines: %q", rem)
	}
	if w := text(`document.querySelector("section.order .words").innerText`); !strings.Contains(w, "SEVENTEEN THOUSAND SEVEN HUNDRED FORTY-FOUR") {
		t.Errorf("amount in words: %q", w)
	}
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`.payment button.copy`)),
		chromedp.WaitVisible(chromedp.CSS(`.payment .copied`)),
		chromedp.Click(chromedp.CSS(`button.preview-tab[data-kind="CI"]`)),
		chromedp.Sleep(1500*time.Millisecond),
		chromedp.ScrollIntoView(chromedp.CSS("iframe.preview")),
		shot("serve-preview-ci.png"),
	)
	if err != nil {
		t.Fatalf("copy and CI preview: %v", err)
	}
	if src := text(`document.querySelector("iframe.preview").src`); !strings.HasSuffix(src, "/HL-2024-0318-CI.pdf") {
		t.Errorf("after the CI tab, preview src %q", src)
	}

	// Download everything as a zip.
	err = chromedp.Do(ctx,
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			yes := true
			_, err := chromedp.Call(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
				Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: downloads, EventsEnabled: &yes,
			})
			return err
		}),
	)
	if err != nil {
		t.Fatalf("download behaviour: %v", err)
	}
	// A click as the user's: the link's own download attribute.
	text(`document.querySelector("#all-zip").click(), "clicked"`)
	for ev, err := range progress {
		if err != nil {
			t.Fatalf("download: %v", err)
		}
		if ev.State == browser.DownloadProgressStateCanceled {
			t.Fatal("download canceled")
		}
		if ev.State != browser.DownloadProgressStateCompleted {
			continue
		}
		data, err := os.ReadFile(filepath.Join(downloads, ev.GUID))
		if err != nil {
			t.Fatal(err)
		}
		files := readZip(t, data)
		if got := joinedNames(files); got != "HL-2024-0318-CI.pdf HL-2024-0318-PI.pdf HL-2024-0318-PL.pdf HL-2024-0318-memo.txt manifest.csv" {
			t.Errorf("downloaded zip holds %s", got)
		}
		break
	}

	// Drag and drop: the blank workbook, fetched from the page's own link,
	// dropped on the drop zone as a file from the desktop would be.
	text(`(async () => {
		const blob = await (await fetch(document.querySelector("#template").href)).blob();
		const dt = new DataTransfer();
		dt.items.add(new File([blob], "order-template.xlsx", {type: blob.type}));
		const drop = document.querySelector("#drop");
		drop.dispatchEvent(new DragEvent("dragover", {dataTransfer: dt, bubbles: true, cancelable: true}));
		drop.dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true}));
		return "dropped";
	})()`)
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`#orders tbody tr[data-order="PO-2024-0042"]`))); err != nil {
		t.Fatalf("drop: %v", err)
	}
	// The blank workbook still holds its worked example: the order is
	// refused, each leftover named at its cell.
	if rows := text(`document.querySelector("#orders tbody").innerText.replace(/\s+/g, " ")`); !strings.Contains(rows, "PO-2024-0042 errors USD") {
		t.Errorf("after dropping the template: %q", rows)
	}
	p := text(`document.querySelector('section.order[data-order="PO-2024-0042"] .problems').innerText`)
	for _, want := range []string{
		`order-template.xlsx!Order!B2`, `order_no "PO-2024-0042" is still the template's example value`,
		`order-template.xlsx!Items!C2`, `is still the template's example line`,
	} {
		if !strings.Contains(p, want) {
			t.Errorf("problems of the dropped template lack %q:\n%s", want, p)
		}
	}

	// The words converter.
	err = chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS("#words-amount"), "1,234.50"),
		chromedp.Click(chromedp.CSS(`#words-form button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS("#words-zh")),
	)
	if err != nil {
		t.Fatalf("words: %v", err)
	}
	var words string
	for i := 0; i < 50 && !strings.Contains(words, "美元"); i++ {
		time.Sleep(100 * time.Millisecond)
		words = text(`document.querySelector("#words-en").innerText + " / " + document.querySelector("#words-zh").innerText`)
	}
	if words != "SAY TOTAL US DOLLARS ONE THOUSAND TWO HUNDRED THIRTY-FOUR AND CENTS FIFTY ONLY / 美元壹仟贰佰叁拾肆元伍角" {
		t.Errorf("words converter: %q", words)
	}

	// 中文, remembered after a reload.
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS("#lang")),
		chromedp.Reload(),
		chromedp.WaitVisible(chromedp.CSS("#drop")),
		chromedp.SetUploadFiles(chromedp.CSS("#files"), []string{good, broken}),
		chromedp.WaitVisible(chromedp.CSS(`#orders tbody tr[data-order="PO-2024-0117"]`)),
		chromedp.Sleep(1500*time.Millisecond),
		shot("serve-zh.png"),
	)
	if err != nil {
		t.Fatalf("language: %v", err)
	}
	if h := text(`document.querySelector("#orders thead").innerText + " " + document.querySelector("#lang").innerText`); !strings.Contains(h, "订单号") || !strings.Contains(h, "定金") || !strings.Contains(h, "English") {
		t.Errorf("after switching to 中文 and reloading: %q", h)
	}
	t.Logf("screenshots in %s", shots)
}
