package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"syscall"
	"time"

	"github.com/tradedocs/tradedocs/web"
)

// runServe starts the local web page: drop a workbook, see its problems
// by cell, preview and download the documents.
func runServe(e *env, args []string) error {
	fs := flags(e, "serve")
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on; the default is reachable from this computer only")
	open := fs.Bool("open", false, "open the page in the default browser")
	maxMB := fs.Int64("max-upload", web.DefaultMaxUpload>>20, "largest upload accepted, in MB (413 beyond)")
	paper := fs.String("paper", "a4", "paper size: a4 or letter")
	tmplDir := fs.String("templates", "", "directory whose files override the bundled labels and memo wording")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	if *maxMB <= 0 {
		return usagef("--max-upload %d: want a number of MB above 0", *maxMB)
	}
	srv, err := newWebServer(e, *paper, *tmplDir, *maxMB<<20)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	url := "http://" + ln.Addr().String() + "/"
	fmt.Fprintf(e.stderr, "tradedocs serve: %s\n", url)
	if host, _, _ := net.SplitHostPort(ln.Addr().String()); !net.ParseIP(host).IsLoopback() {
		fmt.Fprintf(e.stderr, "warning: listening on %s: other computers on the network can reach this page\n", host)
	} else {
		fmt.Fprintln(e.stderr, "listening on the loopback address only: reachable from this computer, not from the network (--addr to change)")
	}
	fmt.Fprintln(e.stderr, "press Ctrl+C to stop")
	if *open {
		openBrowser(e, url)
	}
	hs := srv.NewHTTPServer(*addr)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	fmt.Fprintln(e.stderr, "stopping: finishing the requests under way")
	shut, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := hs.Shutdown(shut); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// newWebServer builds the server with the renderer and memo writer that
// generate builds from the same flags, so both issue the same bytes.
func newWebServer(e *env, paperName, tmplDir string, maxUpload int64) (*web.Server, error) {
	date, err := sourceDate(e.getenv("SOURCE_DATE_EPOCH"))
	if err != nil {
		return nil, usagef("%v", err)
	}
	// The bundled fonts, the templates and the paper, drawn with exactly
	// what generate builds from the same flags.
	d, err := newDrawing("", "", tmplDir, "", paperName, false, date)
	if err != nil {
		return nil, err
	}
	return web.New(web.Options{
		Renderer: d.renderer, Memo: d.memos, Covers: d.covers, Units: d.units, MaxUpload: maxUpload, Font: d.regular,
		Log: log.New(e.stderr, "tradedocs serve: ", log.LstdFlags),
	})
}

// openBrowser asks the desktop to open url; failing is only a note.
func openBrowser(e *env, url string) {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		fmt.Fprintf(e.stderr, "could not open a browser (%v): open %s yourself\n", err, url)
		return
	}
	go cmd.Wait()
}
