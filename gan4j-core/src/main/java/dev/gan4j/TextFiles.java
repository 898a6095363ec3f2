package dev.gan4j;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads text files that must be UTF-8 (configs), saying where they are not: the JDK's own error is
 * "Input length = 1", which names neither the file's encoding nor the place.
 *
 * <pre>{@code String text = TextFiles.readUtf8(Path.of("config.yaml"), 1 << 20);}</pre>
 */
public final class TextFiles {
  private TextFiles() {}

  /**
   * A file's bytes are not valid UTF-8; the message gives the offending byte, its offset and line.
   */
  public static final class NotUtf8Exception extends CharacterCodingException {
    private static final long serialVersionUID = 1L;
    private final String message;

    NotUtf8Exception(String message) {
      this.message = message;
    }

    @Override
    public String getMessage() {
      return message;
    }
  }

  /**
   * The file's text, decoded strictly as UTF-8.
   *
   * @param maxBytes a larger file is refused before it is read (an {@link IOException} saying so)
   * @throws NotUtf8Exception when a byte sequence is not UTF-8
   */
  public static String readUtf8(Path file, long maxBytes) throws IOException {
    long size = Files.size(file);
    if (size > maxBytes) {
      throw new IOException(
          "file of " + Limits.bytes(size) + " is larger than the " + Limits.bytes(maxBytes)
              + " allowed");
    }
    return decode(Files.readAllBytes(file));
  }

  /** {@code bytes} decoded strictly as UTF-8. */
  public static String decode(byte[] bytes) throws NotUtf8Exception {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult r = decoder.decode(in, out, true);
    if (r.isError()) {
      throw notUtf8(bytes, in.position());
    }
    decoder.flush(out);
    return out.flip().toString();
  }

  /**
   * The error for the invalid byte at {@code offset}: "not UTF-8 text: byte 0xE9 at line 3 ...".
   */
  public static NotUtf8Exception notUtf8(byte[] bytes, int offset) {
    int line = 1;
    for (int i = 0; i < offset && i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        line++;
      }
    }
    String at = offset < bytes.length
        ? String.format(Locale.ROOT, "byte 0x%02X at line %d (offset %d)", bytes[offset] & 0xFF,
            line, offset)
        : "an incomplete character at the end";
    return new NotUtf8Exception("not UTF-8 text: " + at + "; save the file as UTF-8");
  }
}
