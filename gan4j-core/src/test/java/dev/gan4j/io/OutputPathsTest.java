package dev.gan4j.io;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.OutputPathException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputPathsTest {
  @TempDir Path tmp;

  @Test
  void aWritableFolderPassesAndKeepsNoProbe() throws IOException {
    assertDoesNotThrow(() -> OutputPaths.checkFile(tmp.resolve("x.csv")));
    assertDoesNotThrow(() -> OutputPaths.checkFile(tmp.resolve("new/deeper/x.csv")));
    assertDoesNotThrow(() -> OutputPaths.checkFolder(tmp.resolve("run")));
    try (Stream<Path> s = Files.list(tmp)) {
      assertEquals(List.of(), s.toList(), "the check must leave nothing behind");
    }
  }

  @Test
  void aPathUnderAFileIsNotADirectory() throws IOException {
    Path file = Files.writeString(tmp.resolve("a-file"), "x");
    OutputPathException e = assertThrows(OutputPathException.class,
        () -> OutputPaths.checkFile(file.resolve("deeper/x.csv")));
    assertTrue(e.getMessage().contains("cannot write " + file.resolve("deeper/x.csv"))
        && e.getMessage().contains(file + " is not a directory"), e.getMessage());
    e = assertThrows(OutputPathException.class, () -> OutputPaths.checkFile(tmp));
    assertTrue(e.getMessage().contains("it is a folder"), e.getMessage());
  }

  @Test
  void reasonsAreTheSystemsInWords() {
    assertEquals("permission denied", OutputPaths.reason(new AccessDeniedException("/x")));
    assertEquals("no space left on device",
        OutputPaths.reason(new FileSystemException("/x", null, "No space left on device")));
    assertEquals("read-only file system",
        OutputPaths.reason(new FileSystemException("/x", null, "Read-only file system")));
    assertEquals("no space left on device",
        OutputPaths.reason(new IOException("No space left on device")));
  }

  @Test
  void aWriteToAFullDeviceNamesTheFileAndSaysNoSpaceLeft() {
    Path full = Path.of("/dev/full"); // Linux: every write fails with ENOSPC
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(full), "no /dev/full here");
    IOException io = assertThrows(IOException.class,
        () -> Files.write(full, new byte[4096], java.nio.file.StandardOpenOption.WRITE));
    WriteFailedException e = new WriteFailedException(full, io);
    assertEquals("cannot write /dev/full: no space left on device", e.getMessage());
    assertEquals("no space left on device", e.reason());
    assertEquals(full, e.file());
    assertTrue(e.diskFull());
    assertTrue(!new WriteFailedException(full, new AccessDeniedException("/x")).diskFull());
  }

  @Test
  void aReplaceableFileIsCheckedWithoutTouchingItsFolder() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("run"));
    assertDoesNotThrow(() -> OutputPaths.checkReplaceable(dir.resolve("eval.json")));
    Files.createDirectories(dir.resolve("eval.json"));
    java.nio.file.attribute.FileTime made = Files.getLastModifiedTime(dir);
    OutputPathException e = assertThrows(OutputPathException.class,
        () -> OutputPaths.checkReplaceable(dir.resolve("eval.json")));
    assertEquals("cannot write " + dir.resolve("eval.json") + ": it is a folder", e.getMessage());
    e = assertThrows(OutputPathException.class,
        () -> OutputPaths.checkReplaceable(tmp.resolve("absent/eval.json")));
    assertTrue(e.getMessage().endsWith("is not a directory"), e.getMessage());
    assertEquals(made, Files.getLastModifiedTime(dir), "the check must not touch the folder");
  }
}
