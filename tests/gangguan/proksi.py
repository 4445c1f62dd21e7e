"""A small TCP proxy in front of PostgreSQL that a test can close and open again.

Closed, it refuses new connections and cuts the open ones, as when the database host
reboots or the network between them drops; opened again, it forwards as before.
"""

from __future__ import annotations

import socket
import threading


class ProksiTCP:
    def __init__(self, tujuan: tuple[str, int]):
        self.tujuan = tujuan
        # Reserve a free port once; reopening uses the same one.
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        self.port = s.getsockname()[1]
        s.close()
        self._dengar: socket.socket | None = None
        self._koneksi: set[socket.socket] = set()
        self._kunci = threading.Lock()

    def buka(self) -> None:
        dengar = socket.socket()
        dengar.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        dengar.bind(("127.0.0.1", self.port))
        dengar.listen(64)
        self._dengar = dengar
        threading.Thread(target=self._terima, args=(dengar,), daemon=True).start()

    def tutup(self) -> None:
        if self._dengar is not None:
            # shutdown() first: close() alone leaves a thread blocked in accept() listening.
            try:
                self._dengar.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            self._dengar.close()
            self._dengar = None
        with self._kunci:
            semua, self._koneksi = self._koneksi, set()
        for s in semua:
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            s.close()

    def _terima(self, dengar: socket.socket) -> None:
        while True:
            try:
                klien, _ = dengar.accept()
            except OSError:
                return  # closed
            try:
                server = socket.create_connection(self.tujuan, timeout=5)
            except OSError:
                klien.close()
                continue
            server.settimeout(None)
            with self._kunci:
                self._koneksi |= {klien, server}
            for a, b in ((klien, server), (server, klien)):
                threading.Thread(target=self._alirkan, args=(a, b), daemon=True).start()

    @staticmethod
    def _alirkan(dari: socket.socket, ke: socket.socket) -> None:
        try:
            while data := dari.recv(65536):
                ke.sendall(data)
        except OSError:
            pass
        finally:
            for s in (dari, ke):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
