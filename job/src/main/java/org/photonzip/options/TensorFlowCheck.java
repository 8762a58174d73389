package org.photonzip.options;

import java.util.List;
import org.photonzip.training.TensorFlowJars;
import org.photonzip.training.TensorFlowRuntime;

/**
 * The driver's refusal, before any work, of a model choice that needs TensorFlow where it is missing:
 * {@code --model learned} trains with TensorFlow on the driver; {@code --inference tf} encodes with it on the
 * executors (which get the same {@code --jars}).
 */
public final class TensorFlowCheck {
    private TensorFlowCheck() {}

    /** @throws ModelUnavailableException naming the missing jars, or why TensorFlow's natives do not load */
    public static void require(ModelChoice choice) {
        String need = choice.kind() == ModelChoice.Kind.LEARNED
                ? "--model learned (training runs on the driver)"
                : "tf".equalsIgnoreCase(choice.inference()) ? "--inference tf" : null;
        if (need == null) {
            return;
        }
        List<String> missing = TensorFlowJars.missing(TensorFlowCheck.class.getClassLoader());
        if (!missing.isEmpty()) {
            throw new ModelUnavailableException("Cannot use " + need + ": TensorFlow is not on the classpath; missing "
                    + String.join(", ", missing) + ". Under spark-submit add job/target/submit-lib-tf/*.jar to --jars "
                    + "(mvn -B package -DskipTests -Psubmit-tf; conf/README.md)");
        }
        TensorFlowRuntime.Status s = TensorFlowRuntime.status();
        if (!s.loaded()) {
            throw new ModelUnavailableException(
                    "Cannot use " + need + ": TensorFlow does not load here: " + s.detail());
        }
    }
}
