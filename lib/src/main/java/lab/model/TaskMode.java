package lab.model;

import lab.data.Labelled;
import lab.data.Labels;

/** How the sweep's network splits the bits: one tower per bit (st) or one tower for all bits (mt). */
public enum TaskMode implements Labelled {
    /** Single-task: one tower per bit, each with one output, all sharing the embedding. */
    ST,
    /** Multi-task: one tower whose output layer has one unit per bit. */
    MT;

    /** Returns the number of towers for codes of {@code bits} bits. */
    public int towers(int bits) {
        return this == ST ? bits : 1;
    }

    /** Returns the outputs of each tower for codes of {@code bits} bits. */
    public int outputsPerTower(int bits) {
        return this == ST ? 1 : bits;
    }

    /** Returns the mode with this label (case-insensitive), naming the bad value otherwise. */
    public static TaskMode parse(String value) {
        return Labels.parse(TaskMode.class, value, "mode");
    }

    @Override
    public String toString() {
        return label();
    }
}
