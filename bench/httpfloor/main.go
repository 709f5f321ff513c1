// Command httpfloor is the floor under any HTTP answer on a machine: Go's
// net/http server answering every request with the same bytes, read once
// from a file, doing no other work. bench/pgpeer.sh and
// bench/throughput.sh run it beside treatyline serve and PostgreSQL, with
// the same load generator and the same cores, so that what HTTP on
// loopback costs by itself is measured in the same run as the servers.
//
//	go run ./bench/httpfloor -body answer.json -addr 127.0.0.1:0
//
// It prints "httpfloor: serving http://HOST:PORT/" once it listens.
package main

import (
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"strconv"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "address to listen on")
	bodyFile := flag.String("body", "", "file whose bytes are every answer (e.g. one of treatyline's as-of answers)")
	flag.Parse()
	if err := run(*addr, *bodyFile); err != nil {
		fmt.Fprintln(os.Stderr, "httpfloor:", err)
		os.Exit(1)
	}
}

func run(addr, bodyFile string) error {
	if bodyFile == "" {
		return fmt.Errorf("-body: a file is needed")
	}
	body, err := os.ReadFile(bodyFile)
	if err != nil {
		return err
	}
	length := strconv.Itoa(len(body))
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	fmt.Printf("httpfloor: serving http://%s/\n", ln.Addr())
	return http.Serve(ln, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Type", "application/json")
		h.Set("Content-Length", length)
		w.Write(body)
	}))
}
