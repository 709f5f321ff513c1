//go:build linux

// Command tcpfloor measures the floor under any server's answer over
// loopback on a machine: the round trip of a request and an answer of
// given sizes over one TCP connection, between two threads that block in
// read and write system calls (no event loop, no scheduler, no parsing:
// the kernel's loopback and two wake-ups a round trip). A server over
// TCP on this machine answers no faster than this, whatever it does; an
// HTTP server adds its parsing and its runtime's wake-ups (bench/httpfloor).
//
//	go run ./bench/tcpfloor -request 90 -answer 300 -t 5s
//
// It prints "p50 p99 mean answers/s" (µs), as bench/pgpeer.sh's rows.
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"slices"
	"syscall"
	"time"
)

func main() {
	reqSize := flag.Int("request", 90, "bytes of each request")
	ansSize := flag.Int("answer", 300, "bytes of each answer")
	d := flag.Duration("t", 5*time.Second, "how long to measure")
	flag.Parse()
	if err := run(*reqSize, *ansSize, *d); err != nil {
		fmt.Fprintln(os.Stderr, "tcpfloor:", err)
		os.Exit(1)
	}
}

func run(reqSize, ansSize int, d time.Duration) error {
	if reqSize < 1 || ansSize < 1 {
		return fmt.Errorf("-request and -answer: at least one byte")
	}
	ln, err := syscall.Socket(syscall.AF_INET, syscall.SOCK_STREAM, 0)
	if err != nil {
		return err
	}
	defer syscall.Close(ln)
	if err := syscall.Bind(ln, &syscall.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}); err != nil {
		return err
	}
	if err := syscall.Listen(ln, 1); err != nil {
		return err
	}
	sa, err := syscall.Getsockname(ln)
	if err != nil {
		return err
	}
	served := make(chan error, 1)
	go func() { served <- serve(ln, reqSize, ansSize) }()

	runtime.LockOSThread()
	c, err := syscall.Socket(syscall.AF_INET, syscall.SOCK_STREAM, 0)
	if err != nil {
		return err
	}
	defer syscall.Close(c)
	if err := syscall.SetsockoptInt(c, syscall.IPPROTO_TCP, syscall.TCP_NODELAY, 1); err != nil {
		return err
	}
	if err := syscall.Connect(c, sa); err != nil {
		return err
	}
	req, ans := make([]byte, reqSize), make([]byte, ansSize)
	var lat []time.Duration
	start := time.Now()
	for time.Since(start) < d {
		t0 := time.Now()
		if err := writeAll(c, req); err != nil {
			return err
		}
		if err := readFull(c, ans); err != nil {
			return err
		}
		lat = append(lat, time.Since(t0))
	}
	el := time.Since(start)
	syscall.Shutdown(c, syscall.SHUT_WR)
	if err := <-served; err != nil {
		return err
	}
	slices.Sort(lat)
	us := func(x time.Duration) float64 { return float64(x) / float64(time.Microsecond) }
	fmt.Printf("%.0f %.0f %.0f %.0f\n", us(lat[len(lat)/2]), us(lat[len(lat)*99/100]),
		us(el)/float64(len(lat)), float64(len(lat))/el.Seconds())
	return nil
}

// serve answers each request read whole with an answer, on a thread of
// its own, until the client closes.
func serve(ln, reqSize, ansSize int) error {
	runtime.LockOSThread()
	s, _, err := syscall.Accept(ln)
	if err != nil {
		return err
	}
	defer syscall.Close(s)
	if err := syscall.SetsockoptInt(s, syscall.IPPROTO_TCP, syscall.TCP_NODELAY, 1); err != nil {
		return err
	}
	req, ans := make([]byte, reqSize), make([]byte, ansSize)
	for {
		if err := readFull(s, req); err != nil {
			if err == errClosed {
				return nil
			}
			return err
		}
		if err := writeAll(s, ans); err != nil {
			return err
		}
	}
}

var errClosed = fmt.Errorf("connection closed")

func readFull(fd int, b []byte) error {
	for n := 0; n < len(b); {
		k, err := syscall.Read(fd, b[n:])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return err
		}
		if k == 0 {
			return errClosed
		}
		n += k
	}
	return nil
}

func writeAll(fd int, b []byte) error {
	for n := 0; n < len(b); {
		k, err := syscall.Write(fd, b[n:])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return err
		}
		n += k
	}
	return nil
}
