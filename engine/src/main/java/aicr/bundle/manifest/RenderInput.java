package aicr.bundle.manifest;

import java.util.Map;

/**
 * What a manifest template sees: {@code .Values.<component>} (the component's final values,
 * always under the parent component's name), {@code .Release.Namespace}, {@code .Chart.Name}
 * and {@code .Chart.Version}.
 */
public record RenderInput(String component, String namespace, String chartName, String chartVersion,
                          Map<String, Object> values) {
}
