package io.xrayagent.smoke.springjdbc;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Each endpoint runs the JdbcTemplate calls an application typically makes, and nothing else. */
@RestController
public class BooksController {
    private final JdbcTemplate jdbc;

    public BooksController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A prepared query with an argument. */
    @GetMapping("/books/{id}")
    public String title(@PathVariable("id") int id) {
        return jdbc.queryForObject("SELECT title FROM books WHERE id = ?", String.class, id);
    }

    /** A plain statement (no arguments), then a prepared update. */
    @GetMapping("/books/add/{id}")
    public String add(@PathVariable("id") int id) {
        Integer before = jdbc.queryForObject("SELECT count(*) FROM books", Integer.class);
        jdbc.update("INSERT INTO books (id, title, isbn) VALUES (?, ?, ?)", id, "Book " + id, "isbn-" + id);
        return before + " then " + (before + 1);
    }

    /** One batch of three rows. */
    @GetMapping("/books/batch/{from}")
    public String batch(@PathVariable("from") int from) {
        int[] counts = jdbc.batchUpdate("INSERT INTO books (id, title, isbn) VALUES (?, ?, ?)", List.of(
                new Object[] {from, "Batch " + from, "b-" + from},
                new Object[] {from + 1, "Batch " + (from + 1), "b-" + (from + 1)},
                new Object[] {from + 2, "Batch " + (from + 2), "b-" + (from + 2)}));
        return counts.length + " rows";
    }

    /** A statement the database refuses: the request fails with Spring's DataAccessException. */
    @GetMapping("/books/fail")
    public List<Map<String, Object>> fail() {
        return jdbc.queryForList("SELECT * FROM no_such_table WHERE secret = 'hunter2'");
    }
}
