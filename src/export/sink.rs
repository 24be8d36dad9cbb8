//! Where a report's text goes as it is made: a buffer passed on to the file each time it
//! grows past [`CHUNK`], so a report as big as the session is never held whole in memory.

/// Bytes gathered before they are passed on.
const CHUNK: usize = 64 * 1024;

/// Text written in pieces to an [`std::io::Write`]. Formatting into it never fails; the
/// first error of the file is kept and given by [`Sink::finish`], and nothing more is
/// written after it.
pub struct Sink<'a> {
    buffer: String,
    out: &'a mut dyn std::io::Write,
    error: Option<std::io::Error>,
}

impl<'a> Sink<'a> {
    pub fn new(out: &'a mut dyn std::io::Write) -> Self {
        Self {
            buffer: String::with_capacity(CHUNK + 1024),
            out,
            error: None,
        }
    }

    pub fn push_str(&mut self, text: &str) {
        self.buffer.push_str(text);
        if self.buffer.len() >= CHUNK {
            self.pass_on();
        }
    }

    pub fn push(&mut self, ch: char) {
        self.push_str(ch.encode_utf8(&mut [0; 4]));
    }

    fn pass_on(&mut self) {
        if self.error.is_none()
            && let Err(error) = self.out.write_all(self.buffer.as_bytes())
        {
            self.error = Some(error);
        }
        self.buffer.clear();
    }

    /// Passes on what is left; the first error of the file, if any.
    pub fn finish(mut self) -> std::io::Result<()> {
        self.pass_on();
        match self.error.take() {
            Some(error) => Err(error),
            None => Ok(()),
        }
    }
}

impl std::fmt::Write for Sink<'_> {
    fn write_str(&mut self, text: &str) -> std::fmt::Result {
        self.push_str(text);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fmt::Write as _;

    #[test]
    fn text_passes_on_whole_and_in_order() {
        let mut file = Vec::new();
        let mut sink = Sink::new(&mut file);
        let mut expected = String::new();
        for n in 0..20_000 {
            let _ = write!(sink, "claim {n}; ");
            sink.push_str("Москва\n");
            let _ = writeln!(expected, "claim {n}; Москва");
        }
        sink.finish().expect("written");
        assert_eq!(String::from_utf8(file).expect("UTF-8"), expected);
    }

    struct Broken;

    impl std::io::Write for Broken {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::Error::other("disk full"))
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn the_files_error_comes_back_at_the_end() {
        let mut broken = Broken;
        let mut sink = Sink::new(&mut broken);
        for _ in 0..10_000 {
            sink.push_str("a line of the report\n");
        }
        let error = sink.finish().expect_err("the file failed");
        assert_eq!(error.to_string(), "disk full");
    }
}
