//! Writing a report on one thread while it is rendered on another.
//!
//! A report over a large corpus runs to a hundred megabytes and more, and handing that
//! to the operating system (copying it into the file's pages) takes about as long as
//! rendering it. [`write_in_background`] gives the printer a [`Pipe`]: what the printer
//! writes is gathered into chunks of [`CHUNK`] bytes, and each full chunk goes to a
//! writer thread, which writes it out while the printer fills the next one. The output
//! is the same, byte for byte, as writing straight to the file.
//!
//! At most [`IN_FLIGHT`] chunks wait for the writer, so memory stays bounded however
//! large the report; emptied chunks come back to be filled again.

use std::io::{self, Write};
use std::sync::mpsc::{Receiver, SyncSender, TryRecvError, channel, sync_channel};

/// Bytes gathered before a chunk goes to the writer.
pub const CHUNK: usize = 1 << 18;

/// Full chunks that may wait for the writer before the printer waits in turn.
pub const IN_FLIGHT: usize = 4;

/// What a printer writes into: chunks handed to the writer thread as they fill.
pub struct Pipe {
    buffer: Vec<u8>,
    /// Full chunks, to the writer.
    full: SyncSender<Vec<u8>>,
    /// Written chunks, back from the writer, to be filled again.
    empty: Receiver<Vec<u8>>,
}

impl Pipe {
    /// Hand the gathered bytes to the writer and start a new chunk.
    fn send(&mut self) -> io::Result<()> {
        let next = match self.empty.try_recv() {
            Ok(chunk) => chunk,
            Err(TryRecvError::Empty | TryRecvError::Disconnected) => Vec::with_capacity(CHUNK),
        };
        let full = std::mem::replace(&mut self.buffer, next);
        // The writer has stopped only on an error, which `write_in_background` reports.
        self.full.send(full).map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "the report writer stopped"))
    }
}

impl Write for Pipe {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.write_all(data)?;
        Ok(data.len())
    }

    /// Large writes are cut at chunk boundaries, so that chunks keep their size (and
    /// their memory is reused) however much a printer hands over at once.
    #[inline]
    fn write_all(&mut self, mut data: &[u8]) -> io::Result<()> {
        loop {
            let room = CHUNK.saturating_sub(self.buffer.len());
            if data.len() < room {
                self.buffer.extend_from_slice(data);
                return Ok(());
            }
            let (now, rest) = data.split_at(room);
            self.buffer.extend_from_slice(now);
            self.send()?;
            data = rest;
        }
    }

    /// Hands what is gathered to the writer; [`write_in_background`] waits for it to
    /// reach `out` before it returns.
    fn flush(&mut self) -> io::Result<()> {
        if self.buffer.is_empty() { Ok(()) } else { self.send() }
    }
}

/// Run `print` with a [`Pipe`] whose bytes a second thread writes to `out`, and flush
/// `out` once everything is written. The first error wins: the writer's (it stops at
/// its first) over the printer's, which sees only that the writer stopped.
pub fn write_in_background<W: Write + Send>(
    mut out: W,
    print: impl FnOnce(&mut Pipe) -> io::Result<()>,
) -> io::Result<W> {
    let (full, chunks) = sync_channel::<Vec<u8>>(IN_FLIGHT);
    let (returned, empty) = channel::<Vec<u8>>();
    std::thread::scope(|scope| {
        let writer = scope.spawn(move || -> io::Result<W> {
            for mut chunk in chunks {
                out.write_all(&chunk)?;
                chunk.clear();
                // The printer may have finished and gone: then nobody needs it back.
                let _ = returned.send(chunk);
            }
            out.flush()?;
            Ok(out)
        });
        let mut pipe = Pipe { buffer: Vec::with_capacity(CHUNK), full, empty };
        let printed = print(&mut pipe).and_then(|()| pipe.flush());
        // Closing the channel ends the writer's loop.
        drop(pipe);
        let written = writer.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        match (written, printed) {
            (Err(e), _) | (Ok(_), Err(e)) => Err(e),
            (Ok(out), Ok(())) => Ok(out),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A writer that accepts `limit` bytes and then fails, counting its flushes and
    /// keeping the largest write.
    struct Limited {
        taken: Vec<u8>,
        limit: usize,
        flushed: usize,
        largest: usize,
    }

    impl Write for Limited {
        fn write(&mut self, data: &[u8]) -> io::Result<usize> {
            if self.taken.len() + data.len() > self.limit {
                return Err(io::Error::other("disk full"));
            }
            self.taken.extend_from_slice(data);
            self.largest = self.largest.max(data.len());
            Ok(data.len())
        }

        fn flush(&mut self) -> io::Result<()> {
            self.flushed += 1;
            Ok(())
        }
    }

    /// Many chunks' worth of bytes in writes of every size, across chunk boundaries.
    fn print_lines(pipe: &mut Pipe) -> io::Result<()> {
        for i in 0..200_000u32 {
            writeln!(pipe, "line {i} {}", "x".repeat((i % 97) as usize))?;
            if i % 50_000 == 0 {
                pipe.write_all(&vec![b'.'; CHUNK + 3])?;
            }
        }
        Ok(())
    }

    #[test]
    fn the_bytes_arrive_in_order_and_whole() {
        // The same lines written straight into a vector, for comparison.
        let mut expected = Vec::new();
        for i in 0..200_000u32 {
            writeln!(expected, "line {i} {}", "x".repeat((i % 97) as usize)).unwrap();
            if i % 50_000 == 0 {
                expected.extend_from_slice(&vec![b'.'; CHUNK + 3]);
            }
        }
        let out = Limited { taken: Vec::new(), limit: usize::MAX, flushed: 0, largest: 0 };
        let out = write_in_background(out, print_lines).expect("nothing fails");
        assert!(expected.len() > 4 * CHUNK, "several chunks: {}", expected.len());
        assert!(out.taken == expected, "{} bytes written, {} expected", out.taken.len(), expected.len());
        assert_eq!(out.flushed, 1, "the output is flushed once, at the end");
        assert_eq!(out.largest, CHUNK, "a write larger than a chunk is cut into chunks");
    }

    #[test]
    fn a_failing_writer_is_reported_not_hidden() {
        let out = Limited { taken: Vec::new(), limit: 3 * CHUNK, flushed: 0, largest: 0 };
        let error = write_in_background(out, print_lines).map(|_| ()).expect_err("the writer fails");
        assert_eq!(error.to_string(), "disk full", "the writer's own error, not the printer's");
    }

    #[test]
    fn a_failing_printer_is_reported() {
        let out = Limited { taken: Vec::new(), limit: usize::MAX, flushed: 0, largest: 0 };
        let error = write_in_background(out, |pipe| {
            pipe.write_all(b"half a report")?;
            Err(io::Error::other("cannot render"))
        })
        .map(|_| ())
        .expect_err("the printer fails");
        assert_eq!(error.to_string(), "cannot render");
    }

    #[test]
    fn an_empty_report_writes_nothing() {
        let out = Limited { taken: Vec::new(), limit: usize::MAX, flushed: 0, largest: 0 };
        let out = write_in_background(out, |_| Ok(())).expect("nothing fails");
        assert!(out.taken.is_empty());
        assert_eq!(out.flushed, 1);
    }
}
