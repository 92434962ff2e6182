package io.xrayagent.instrumentation.jdbc;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

/** A Hibernate entity, mapped as applications map theirs. */
@Entity
public class Book {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String title;
    private String isbn;

    protected Book() {
    }

    Book(String title, String isbn) {
        this.title = title;
        this.isbn = isbn;
    }

    Long id() {
        return id;
    }

    String title() {
        return title;
    }

    void retitle(String value) {
        title = value;
    }
}
