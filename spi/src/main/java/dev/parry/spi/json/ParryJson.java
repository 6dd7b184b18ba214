// Past 400 lines because it is the one entry point for every document a service writes and reads,
// each method a line or two.
package dev.parry.spi.json;

import dev.parry.core.error.InternalErrorException;
import dev.parry.core.error.InvalidInputException;
import dev.parry.core.internal.Checks;
import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.core.policy.AllowIndicator;
import dev.parry.core.policy.RemediationPlan;
import dev.parry.runtime.FalsePositiveReport;
import dev.parry.runtime.RuntimeHealth;
import dev.parry.spi.audit.AuditRecord;
import dev.parry.spi.audit.Verification;
import dev.parry.spi.json.internal.ActionPage;
import dev.parry.spi.json.internal.Codec;
import dev.parry.spi.json.internal.CodecReader;
import dev.parry.spi.json.internal.Tables;
import dev.parry.spi.safety.ControlChange;
import dev.parry.spi.store.Page;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes Parry's results as documented JSON and reads the request bodies a REST layer receives, for
 * a service that exposes Parry over HTTP. The form is described by the JSON Schema {@value
 * #SCHEMA_RESOURCE} in the jar: member names are chosen for API users and do not follow Java
 * renames; instants and durations are ISO-8601 strings; enums are written by their constant names.
 * Personal data is written as it is: this is the operator's own API, so protect it like the data
 * itself.
 *
 * <p>Every result written reads back equal, and every read validates through the domain's own
 * constructors: a body that is not well-formed, misses a member, has one too many, or holds a value
 * the domain refuses fails with a {@link JsonFormatException} naming the member's path and the
 * value.
 *
 * <pre>{@code
 * String body = ParryJson.write(runtime.actions(query, caller));        // a page of actions
 * ApproveRequest approve = ParryJson.readApprove(requestBody);
 * ActionRecord approved = runtime.approve(actionId, caller, approve.comment());
 * }</pre>
 *
 * <p>Past 400 lines because it is the one entry point for every document a service writes and
 * reads, each method a line or two.
 */
public final class ParryJson {

  /**
   * Where the JSON Schema of the form lies in the jar. On the module path the resource is Parry's
   * own: read it with {@link #schema()}.
   */
  public static final String SCHEMA_RESOURCE = "/dev/parry/spi/json/parry.schema.json";

  /**
   * {@return the JSON Schema (draft 2020-12) of every document this class writes and reads}, as
   * stored in the jar at {@value #SCHEMA_RESOURCE}
   *
   * @throws InternalErrorException if the jar lacks it
   */
  public static String schema() {
    try (java.io.InputStream in = ParryJson.class.getResourceAsStream(SCHEMA_RESOURCE)) {
      if (in == null) {
        throw new InternalErrorException("the jar holds no " + SCHEMA_RESOURCE);
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new InternalErrorException("cannot read " + SCHEMA_RESOURCE, e);
    }
  }

  private static final Codec CODEC = Tables.CODEC;

  private ParryJson() {}

  // ---- results ---------------------------------------------------------------------------------

  /**
   * {@return the action as JSON: {@code #/$defs/ActionRecord} in the schema}
   *
   * @param action the value to write
   * @throws InvalidInputException if {@code action} is null
   */
  public static String write(ActionRecord action) {
    return CODEC.write(Checks.notNull(action, "action"), ActionRecord.class);
  }

  /**
   * {@return the actions as a JSON array of {@code ActionRecord}}
   *
   * @param actions the value to write
   * @throws InvalidInputException if {@code actions} or an element is null
   */
  public static String writeActions(List<ActionRecord> actions) {
    return array(Checks.notNull(actions, "actions"), "actions", ActionRecord.class);
  }

  /**
   * {@return the page of actions as JSON, {@code {"items": […], "nextCursor": …}}: {@code
   * #/$defs/ActionPage}}
   *
   * @param page the value to write
   * @throws InvalidInputException if {@code page} is null
   */
  public static String write(Page<ActionRecord> page) {
    return CODEC.write(ActionPage.of(Checks.notNull(page, "page")), ActionPage.class);
  }

  /**
   * {@return the investigation's state as JSON: {@code #/$defs/Investigation}}
   *
   * @param investigation the value to write
   * @throws InvalidInputException if {@code investigation} is null
   */
  public static String write(Investigation investigation) {
    return CODEC.write(Checks.notNull(investigation, "investigation"), Investigation.class);
  }

  /**
   * {@return the event as JSON: {@code #/$defs/InvestigationEvent}, tagged by its {@code type}}
   *
   * @param event the value to write
   * @throws InvalidInputException if {@code event} is null
   */
  public static String write(InvestigationEvent event) {
    return CODEC.write(Checks.notNull(event, "event"), InvestigationEvent.class);
  }

  /**
   * {@return an investigation's history as a JSON array of {@code InvestigationEvent}}
   *
   * @param events the value to write
   * @throws InvalidInputException if {@code events} or an element is null
   */
  public static String writeEvents(List<InvestigationEvent> events) {
    return array(Checks.notNull(events, "events"), "events", InvestigationEvent.class);
  }

  /**
   * {@return the audit record as JSON: {@code #/$defs/AuditRecord}}
   *
   * @param record the value to write
   * @throws InvalidInputException if {@code record} is null
   */
  public static String write(AuditRecord record) {
    return CODEC.write(Checks.notNull(record, "record"), AuditRecord.class);
  }

  /**
   * {@return an audit trail as a JSON array of {@code AuditRecord}}
   *
   * @param records the value to write
   * @throws InvalidInputException if {@code records} or an element is null
   */
  public static String writeAuditTrail(List<AuditRecord> records) {
    return array(Checks.notNull(records, "records"), "records", AuditRecord.class);
  }

  /**
   * {@return the result of verifying an audit trail as JSON: {@code #/$defs/Verification}}
   *
   * @param verification the value to write
   * @throws InvalidInputException if {@code verification} is null
   */
  public static String write(Verification verification) {
    return CODEC.write(Checks.notNull(verification, "verification"), Verification.class);
  }

  /**
   * {@return what a false positive report did, as JSON: {@code #/$defs/FalsePositiveReport}}
   *
   * @param report the value to write
   * @throws InvalidInputException if {@code report} is null
   */
  public static String write(FalsePositiveReport report) {
    return CODEC.write(Checks.notNull(report, "report"), FalsePositiveReport.class);
  }

  /**
   * {@return the runtime's health as JSON: {@code #/$defs/RuntimeHealth}}
   *
   * @param health the value to write
   * @throws InvalidInputException if {@code health} is null
   */
  public static String write(RuntimeHealth health) {
    return CODEC.write(Checks.notNull(health, "health"), RuntimeHealth.class);
  }

  /**
   * {@return the action written by {@link #write(ActionRecord)}}
   *
   * @param json the JSON text
   * @throws JsonFormatException if the text does not describe an action
   */
  public static ActionRecord readActionRecord(String json) {
    return CODEC.read(json, ActionRecord.class);
  }

  /**
   * {@return the actions written by {@link #writeActions}}
   *
   * @param json the JSON text
   * @throws JsonFormatException if the text is not an array of actions
   */
  public static List<ActionRecord> readActions(String json) {
    return readArray(json, ActionRecord.class);
  }

  /**
   * {@return the page written by {@link #write(Page)}}
   *
   * @param json the JSON text
   * @throws JsonFormatException if the text does not describe a page of actions
   */
  public static Page<ActionRecord> readActionPage(String json) {
    return CODEC.read(json, ActionPage.class).page();
  }

  /**
   * {@return the investigation written by {@link #write(Investigation)}}
   *
   * @param json the JSON text
   * @throws JsonFormatException if the text does not describe an investigation
   */
  public static Investigation readInvestigation(String json) {
    return CODEC.read(json, Investigation.class);
  }

  /**
   * {@return the event written by {@link #write(InvestigationEvent)}}
   *
   * @param json the JSON text
   * @throws JsonFormatException if the text does not describe an event
   */
  public static InvestigationEvent readEvent(String json) {
    return CODEC.read(json, InvestigationEvent.class);
  }

  /**
   * {@return the events written by {@link #writeEvents}}
   *
   * @param json the JSON text
   * @throws JsonFormatException if the text is not an array of events
   */
  public static List<InvestigationEvent> readEvents(String json) {
    return readArray(json, InvestigationEvent.class);
  }

  /**
   * {@return the audit record written by {@link #write(AuditRecord)}}
   *
   * @param json the JSON text
   * @throws JsonFormatException if the text does not describe an audit record
   */
  public static AuditRecord readAuditRecord(String json) {
    return CODEC.read(json, AuditRecord.class);
  }

  /**
   * {@return the audit trail written by {@link #writeAuditTrail}}
   *
   * @param json the JSON text
   * @throws JsonFormatException if the text is not an array of audit records
   */
  public static List<AuditRecord> readAuditTrail(String json) {
    return readArray(json, AuditRecord.class);
  }

  /**
   * {@return the verification written by {@link #write(Verification)}}
   *
   * @param json the JSON text
   * @throws JsonFormatException if the text does not describe a verification
   */
  public static Verification readVerification(String json) {
    return CODEC.read(json, Verification.class);
  }

  /**
   * {@return the report written by {@link #write(FalsePositiveReport)}}
   *
   * @param json the JSON text
   * @throws JsonFormatException if the text does not describe a false positive report
   */
  public static FalsePositiveReport readFalsePositiveReport(String json) {
    return CODEC.read(json, FalsePositiveReport.class);
  }

  /**
   * {@return the health written by {@link #write(RuntimeHealth)}}
   *
   * @param json the JSON text
   * @throws JsonFormatException if the text does not describe the runtime's health
   */
  public static RuntimeHealth readHealth(String json) {
    return CODEC.read(json, RuntimeHealth.class);
  }

  /**
   * {@return what {@code dryRun} planned, as JSON: {@code #/$defs/RemediationPlan}}
   *
   * @param plan the value to write
   * @throws InvalidInputException if {@code plan} is null
   */
  public static String write(RemediationPlan plan) {
    return CODEC.write(Checks.notNull(plan, "plan"), RemediationPlan.class);
  }

  /**
   * {@return the plan written by {@link #write(RemediationPlan)}}
   *
   * @param json the JSON text
   * @throws JsonFormatException if the text does not describe a plan
   */
  public static RemediationPlan readRemediationPlan(String json) {
    return CODEC.read(json, RemediationPlan.class);
  }

  /**
   * {@return the safety control changes as a JSON array of {@code ControlChange}}: what {@code
   * controlChanges} and {@code allowGrants} return
   *
   * @param changes the value to write
   * @throws InvalidInputException if {@code changes} or an element is null
   */
  public static String writeControlChanges(List<ControlChange> changes) {
    return array(Checks.notNull(changes, "changes"), "changes", ControlChange.class);
  }

  /**
   * {@return the changes written by {@link #writeControlChanges}}
   *
   * @param json the JSON text
   * @throws JsonFormatException if the text is not an array of control changes
   */
  public static List<ControlChange> readControlChanges(String json) {
    return readArray(json, ControlChange.class);
  }

  /**
   * {@return the allow indicators as a JSON array of {@code AllowIndicator}, sorted so the same set
   * always gives the same text}: what {@code allowIndicators} returns
   *
   * @param indicators the value to write
   * @throws InvalidInputException if {@code indicators} or an element is null
   */
  public static String writeAllowIndicators(Set<AllowIndicator> indicators) {
    List<String> written = new ArrayList<>();
    int i = 0;
    for (AllowIndicator indicator : Checks.notNull(indicators, "indicators")) {
      written.add(
          CODEC.write(Checks.notNull(indicator, "indicators[" + i++ + "]"), AllowIndicator.class));
    }
    Collections.sort(written);
    return "[" + String.join(",", written) + "]";
  }

  /**
   * {@return the indicators written by {@link #writeAllowIndicators}}
   *
   * @param json the JSON text
   * @throws JsonFormatException if the text is not an array of allow indicators, or names one twice
   */
  public static Set<AllowIndicator> readAllowIndicators(String json) {
    List<AllowIndicator> read = readArray(json, AllowIndicator.class);
    Set<AllowIndicator> out = new LinkedHashSet<>(read);
    if (out.size() != read.size()) {
      throw new JsonFormatException("$", "names an allow indicator twice", null);
    }
    return Collections.unmodifiableSet(out);
  }

  /**
   * {@return the error body as JSON: {@code #/$defs/ErrorBody}}
   *
   * <pre>{@code
   * } catch (ParryException e) {
   *   return new Response(e.category().httpStatus(), "application/json", ParryJson.write(ErrorBody.of(e)));
   * }
   * }</pre>
   *
   * @param error the value to write
   * @throws InvalidInputException if {@code error} is null
   */
  public static String write(ErrorBody error) {
    return CODEC.write(Checks.notNull(error, "error"), ErrorBody.class);
  }

  /**
   * {@return the error body written by {@link #write(ErrorBody)}}, for a client of a service
   *
   * @param json the JSON text
   * @throws JsonFormatException if the text does not describe an error body
   */
  public static ErrorBody readError(String json) {
    return CODEC.read(json, ErrorBody.class);
  }

  // ---- request bodies --------------------------------------------------------------------------

  /**
   * The longest request body the {@code read…} methods for requests take, in UTF-16 characters:
   * {@value}. Every request Parry takes fits well within it (a process with its 32,768-character
   * command line, every character escaped); a longer body is refused before it is parsed, so a
   * client cannot make the reader hold more than this. A service should still cap the body its HTTP
   * server reads.
   */
  public static final int MAX_REQUEST_LENGTH = 1 << 20;

  private static <T> T request(String json, Class<T> type) {
    if (json != null && json.length() > MAX_REQUEST_LENGTH) {
      throw new JsonFormatException(
          "$",
          "a body of "
              + json.length()
              + " characters is longer than the "
              + MAX_REQUEST_LENGTH
              + " a request may have",
          null);
    }
    return CODEC.read(json, type);
  }

  /**
   * {@return the body of an approval, {@code {"comment": "…"}}; the comment may be left out}
   *
   * @param json the request body
   * @throws JsonFormatException if the body is longer than {@link #MAX_REQUEST_LENGTH}, is not
   *     well-formed JSON, has a member other than {@code comment}, or the comment is not a string
   *     the runtime takes
   */
  public static ApproveRequest readApprove(String json) {
    return request(json, ApproveRequest.class);
  }

  /**
   * {@return the body of a rejection, {@code {"reason": "…"}}; the reason may be left out}
   *
   * @param json the request body
   * @throws JsonFormatException if the body is longer than {@link #MAX_REQUEST_LENGTH}, is not
   *     well-formed JSON, has a member other than {@code reason}, or the reason is not a string the
   *     runtime takes
   */
  public static RejectRequest readReject(String json) {
    return request(json, RejectRequest.class);
  }

  /**
   * {@return the body of an undo request, {@code {"reason": "…"}}; the reason may be left out}
   *
   * @param json the request body
   * @throws JsonFormatException if the body is longer than {@link #MAX_REQUEST_LENGTH}, is not
   *     well-formed JSON, has a member other than {@code reason}, or the reason is not a string the
   *     runtime takes
   */
  public static UndoRequest readUndo(String json) {
    return request(json, UndoRequest.class);
  }

  /**
   * {@return the body of a cancellation, {@code {"reason": "…"}}; the reason may be left out}
   *
   * @param json the request body
   * @throws JsonFormatException if the body is longer than {@link #MAX_REQUEST_LENGTH}, is not
   *     well-formed JSON, has a member other than {@code reason}, or the reason is not a string the
   *     runtime takes
   */
  public static CancelRequest readCancel(String json) {
    return request(json, CancelRequest.class);
  }

  /**
   * {@return the body of a time box extension, {@code {"extra": "PT4H", "comment": "…"}}; the
   * comment may be left out}
   *
   * @param json the request body
   * @throws JsonFormatException if the body is longer than {@link #MAX_REQUEST_LENGTH}, is not
   *     well-formed JSON, misses {@code extra}, has an unknown member, or holds a value the runtime
   *     refuses (see {@link ExtendTimeBoxRequest})
   */
  public static ExtendTimeBoxRequest readExtendTimeBox(String json) {
    return request(json, ExtendTimeBoxRequest.class);
  }

  /**
   * {@return the body of a manual action: {@code action} (its {@code kind}, {@code target} entity
   * and the options of its kind), {@code justification}, and optionally {@code twoStep}, {@code
   * timeBox} and {@code source}}
   *
   * @param json the request body
   * @throws JsonFormatException if the body is longer than {@link #MAX_REQUEST_LENGTH}, is not
   *     well-formed JSON, misses a member, has an unknown one, or holds a value the domain or the
   *     runtime refuses (see {@link ManualActionRequest})
   */
  public static ManualActionRequest readManualAction(String json) {
    return request(json, ManualActionRequest.class);
  }

  /**
   * {@return the body of a false positive report, {@code {"entity": {…}, "comment": "…"}}}
   *
   * @param json the request body
   * @throws JsonFormatException if the body is longer than {@link #MAX_REQUEST_LENGTH}, is not
   *     well-formed JSON, misses a member, has an unknown one, or holds a value the domain refuses
   *     (see {@link FalsePositiveRequest})
   */
  public static FalsePositiveRequest readFalsePositive(String json) {
    return request(json, FalsePositiveRequest.class);
  }

  /**
   * {@return the approval body as JSON, as a client sends it}
   *
   * @param body the body to write
   * @throws InvalidInputException if {@code body} is null
   */
  public static String write(ApproveRequest body) {
    return CODEC.write(Checks.notNull(body, "body"), ApproveRequest.class);
  }

  /**
   * {@return the rejection body as JSON, as a client sends it}
   *
   * @param body the body to write
   * @throws InvalidInputException if {@code body} is null
   */
  public static String write(RejectRequest body) {
    return CODEC.write(Checks.notNull(body, "body"), RejectRequest.class);
  }

  /**
   * {@return the undo body as JSON, as a client sends it}
   *
   * @param body the body to write
   * @throws InvalidInputException if {@code body} is null
   */
  public static String write(UndoRequest body) {
    return CODEC.write(Checks.notNull(body, "body"), UndoRequest.class);
  }

  /**
   * {@return the cancellation body as JSON, as a client sends it}
   *
   * @param body the body to write
   * @throws InvalidInputException if {@code body} is null
   */
  public static String write(CancelRequest body) {
    return CODEC.write(Checks.notNull(body, "body"), CancelRequest.class);
  }

  /**
   * {@return the time box extension body as JSON, as a client sends it}
   *
   * @param body the body to write
   * @throws InvalidInputException if {@code body} is null
   */
  public static String write(ExtendTimeBoxRequest body) {
    return CODEC.write(Checks.notNull(body, "body"), ExtendTimeBoxRequest.class);
  }

  /**
   * {@return the manual action body as JSON, as a client sends it}
   *
   * @param body the body to write
   * @throws InvalidInputException if {@code body} is null
   */
  public static String write(ManualActionRequest body) {
    return CODEC.write(Checks.notNull(body, "body"), ManualActionRequest.class);
  }

  /**
   * {@return the false positive body as JSON, as a client sends it}
   *
   * @param body the body to write
   * @throws InvalidInputException if {@code body} is null
   */
  public static String write(FalsePositiveRequest body) {
    return CODEC.write(Checks.notNull(body, "body"), FalsePositiveRequest.class);
  }

  // ---- arrays ----------------------------------------------------------------------------------

  private static String array(List<?> items, String name, Class<?> element) {
    StringBuilder out =
        new StringBuilder(256 * Math.min(Math.max(1, items.size()), 1024)).append('[');
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(CODEC.write(Checks.notNull(items.get(i), name + "[" + i + "]"), element));
    }
    return out.append(']').toString();
  }

  private static <T> List<T> readArray(String json, Class<T> element) {
    Object tree = CodecReader.parse(json);
    if (!(tree instanceof List<?> items)) {
      throw new JsonFormatException("$", "expected an array", null);
    }
    List<T> out = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      out.add(element.cast(CODEC.bind(items.get(i), element, "$[" + i + "]")));
    }
    return List.copyOf(out);
  }
}
