package lab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CoreShareTest {

    @Test
    void eachRunHasOneThreadWhileRunsWaitAndTheLastOneTakesTheIdleWorkersThreads() {
        // given: 2 workers and 3 runs to train
        CoreShare share = new CoreShare(2, 3);
        // when / then: two run, one waits
        share.started();
        share.started();
        assertEquals(1, share.threads());
        // the first finishes and the third starts: none waits, two run
        share.finished();
        share.started();
        assertEquals(1, share.threads());
        // one finishes: the run left alone gets both threads
        share.finished();
        assertEquals(2, share.threads());
    }

    @Test
    void threadsAreSplitEvenlyOverTheRunsLeft() {
        // given: 4 workers, 4 runs, all started; two finish
        CoreShare share = new CoreShare(4, 4);
        for (int i = 0; i < 4; i++) {
            share.started();
        }
        share.finished();
        share.finished();
        // then
        assertEquals(2, share.threads());
    }
}
