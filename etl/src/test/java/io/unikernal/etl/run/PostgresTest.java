package io.unikernal.etl.run;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** A test against the machine's PostgreSQL: a folder of its own for files, tables and checkpoints dropped after. */
abstract class PostgresTest {

    @TempDir
    Path dir;

    final Pg pg = new Pg();

    @AfterEach
    void drop() throws Exception {
        pg.close();
    }
}
