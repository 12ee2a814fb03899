package dev.pendingconsole.ops.write;

import java.util.Optional;

/**
 * Asks a person the door's {@link Question} about a {@link WritePlan}: the CLI on its terminal (or from
 * {@code --yes} and {@code --confirm}), the console in a dialog. It only relays the answer; the door
 * decides whether the question is asked and whether a typed answer matches. May be called on any thread.
 */
@FunctionalInterface
public interface Confirmer {

    /**
     * The person's answer: for {@link Question.Level#YES} any present value is a yes; for
     * {@link Question.Level#TYPED} the text they typed. Empty: no, and nothing is changed.
     */
    Optional<String> answer(WritePlan<?> plan, Question question);
}
