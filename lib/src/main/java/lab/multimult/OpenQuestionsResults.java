package lab.multimult;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lab.data.MultiplicationTask;
import lab.train.EnsembleMember;

/**
 * Every model notebook 004 trained, as loaded from the store.
 *
 * @param settings the settings they were made with
 * @param single single-task models by task (0: a*b, 1: c*d), each by RNG seed
 * @param sweep capacity-sweep models by hidden width, each by RNG seed
 * @param search the recorded L1/L2 coefficient search
 * @param combined pruned-and-combined models by regime ("none", "l1", "l2"), each by RNG seed
 */
public record OpenQuestionsResults(OpenQuestionsSettings settings, Map<Integer, List<EnsembleMember>> single,
        Map<Integer, List<EnsembleMember>> sweep, List<PenaltySearch.Row> search,
        Map<String, List<CombinedRun>> combined) {

    public OpenQuestionsResults {
        single = Map.copyOf(single);
        sweep = Map.copyOf(sweep);
        search = List.copyOf(search);
        combined = Map.copyOf(combined);
    }

    /** Returns the chosen coefficient of "l1" or "l2". */
    public double chosen(String type) {
        return PenaltySearch.chosen(search, type);
    }

    /** Returns the pruning curves of a task's single-task models, [seeds][hidden] (validation MSE by neurons kept). */
    public double[][] pruningCurves(int task) {
        MultiplicationTask t = settings.task();
        List<EnsembleMember> models = single.get(task);
        double[][] out = new double[models.size()][];
        for (int m = 0; m < models.size(); m++) {
            MultiplicationTask.Split split = t.generate(models.get(m).seed());
            out[m] = Pruning.curve(models.get(m).weights(), Columns.taskInputs(split.trainInputs(), task),
                    Columns.taskInputs(split.validationInputs(), task),
                    Columns.taskTarget(split.validationTargets(), task));
        }
        return out;
    }

    /** Returns the capacity sweep's models as one ablation source, widths ascending. */
    public List<EnsembleMember> sweepModels() {
        List<EnsembleMember> all = new ArrayList<>();
        sweep.keySet().stream().sorted().forEach(w -> all.addAll(sweep.get(w)));
        return all;
    }

    /** Returns the jointly trained models of the combined width (2 * keep) for the combined RNG seeds. */
    public List<EnsembleMember> jointBaseline() {
        return sweep.get(2 * settings.keep()).subList(0, settings.combineSeeds());
    }
}
