package dev.pendingconsole.ops;

/**
 * Asks a person whether a {@link WritePlan} may go ahead: the CLI on its terminal, the console in a
 * dialog. {@link Workspace#execute} calls it only when {@link WritePlan#needsConfirmation} says so; on a
 * production connection the person must type {@link WritePlan#confirmText()}. May be called on any thread.
 */
@FunctionalInterface
public interface Confirmer {

    /** Whether the plan may run; false cancels it and nothing is changed. */
    boolean confirm(WritePlan<?> plan, boolean production);

    /** For callers that already have the person's yes ({@code --yes}), and for tests. */
    Confirmer ALWAYS = (plan, production) -> true;
}
